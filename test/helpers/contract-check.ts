// Every JSON answer the API tests receive is held against what its route
// declares (the contract's schemas, through the OpenAPI registry): an answer
// its schema rejects fails the test that received it, as does a success the
// route does not declare. Error answers must have the one error shape.
import { z } from '@hono/zod-openapi';
import { app } from '../../worker/src/app';
import { errorSchema } from '../../worker/src/contract/errors';

interface DeclaredRoute {
  method: string;
  path: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

const ROUTES: DeclaredRoute[] = app.openAPIRegistry.definitions
  .flatMap((d) => (d.type === 'route' ? [d.route] : []))
  .map((r) => ({
    method: r.method.toUpperCase(),
    path: r.path,
    pattern: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
    params: (r.path.match(/\{/g) ?? []).length,
    responses: r.responses as DeclaredRoute['responses'],
  }))
  // A literal segment wins over a parameter (…/documents/adhoc before …/documents/{itemId}).
  .sort((a, b) => a.params - b.params);

/** The declared route a request reaches, or undefined for a path the document does not describe. */
export function declaredRoute(method: string, path: string): DeclaredRoute | undefined {
  const pathname = new URL(path, 'https://parley.test').pathname;
  return ROUTES.find((r) => r.method === method && r.pattern.test(pathname));
}

/** Throws, naming the route and what is wrong, when an answer breaks its route's contract. */
export function checkAnswer(method: string, path: string, status: number, json: unknown): void {
  const route = declaredRoute(method, path);
  if (!route || json === null) return;
  const declared = route.responses[String(status)]?.content?.['application/json']?.schema as z.ZodType | undefined;
  if (!declared) {
    if (status >= 200 && status < 300) throw new Error(`contract: ${method} ${route.path} answered ${status}, which it does not declare`);
    if (status >= 400) assertParses(errorSchema, json, `${method} ${route.path} → ${status} (error shape)`);
    return;
  }
  assertParses(declared, json, `${method} ${route.path} → ${status}`);
}

function assertParses(schema: z.ZodType, json: unknown, what: string): void {
  const parsed = schema.safeParse(json);
  if (parsed.success) return;
  const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new Error(`contract: ${what} breaks its declared schema:\n  ${problems.join('\n  ')}\n${JSON.stringify(json).slice(0, 600)}`);
}
