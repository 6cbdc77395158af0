// Shared pieces of the OpenAPI-described API: the app factory with one
// validation hook, error shapes, and response helpers.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from './context';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

/** Any JSON object; the API docs describe each in words. */
export const objectSchema = z.record(z.string(), z.unknown()).openapi({ type: 'object' });

export const errorResponses = {
  400: { description: 'Malformed request', content: { 'application/json': { schema: errorSchema } } },
  401: { description: 'Missing or invalid token', content: { 'application/json': { schema: errorSchema } } },
  403: { description: 'Not allowed for this agent', content: { 'application/json': { schema: errorSchema } } },
  404: { description: 'Not found (or belongs to another org)', content: { 'application/json': { schema: errorSchema } } },
  409: { description: 'Conflicts with the current state', content: { 'application/json': { schema: errorSchema } } },
  422: { description: 'A field failed validation; the message names it', content: { 'application/json': { schema: errorSchema } } },
} as const;

export function jsonResponse(description: string) {
  return { description, content: { 'application/json': { schema: objectSchema } } };
}

const TARGET_NAMES: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header', form: 'form', cookie: 'cookie' };

export function describeIssues(error: ZodError, target: string) {
  const prefix = TARGET_NAMES[target] ?? target;
  return error.issues.map((i) => ({
    field: [prefix, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
}

export function createApi() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues = describeIssues(result.error as ZodError, result.target);
      const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      // A body that parsed but is wrong is 422; a bad path or query is 400.
      const status = result.target === 'json' || result.target === 'form' ? 422 : 400;
      return c.json({ error: { code: 'invalid_request', message, issues } }, status);
    },
  });
}
