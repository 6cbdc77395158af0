// Shared pieces of the OpenAPI-described API: the sub-app factory with one
// validation hook, the error answers every route shares, and the helpers
// that declare what a route answers (a contract schema, or a file).
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import { errorSchema } from '../contract/errors';
import type { AppEnv } from './context';
import { rateLimitResponses } from './rate-limit';

const error = (description: string) => ({ description, content: { 'application/json': { schema: errorSchema } } });

export const errorResponses = {
  400: error('Malformed request'),
  401: error('Missing or invalid credentials'),
  403: error('Not allowed for this caller'),
  404: error('Not found (or belongs to another org)'),
  409: error('Conflicts with the current state'),
  422: error('A field failed validation; the message names it'),
  // Every agent route: failed credential checks are limited per address (rate-limit.ts).
  ...rateLimitResponses,
} as const;

/** A route with a JSON body: refused when it is not JSON or over its limit (body-limits.ts). */
export const bodyErrorResponses = {
  413: error('The body is over its limit'),
  415: error('The body is not JSON'),
} as const;

/** An upload's refusals: not multipart, over its limit, or a file of a type the route does not accept. */
export const uploadErrorResponses = {
  413: error('Too large'),
  415: error('Not multipart, or not an accepted file type'),
} as const;

/** A route that calls a provider (Stripe): it refused Parley's credentials or request, or could not be reached. */
export const providerErrorResponses = {
  502: error('The provider refused the request (its message says why)'),
  503: error('The provider could not be reached; try again'),
} as const;

/** A JSON answer: its schema is the contract's (worker/src/contract/). */
export function json<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { 'application/json': { schema } } } as const;
}

/** A file answer: a download of the given type. */
export function file(description: string, type = 'application/octet-stream') {
  return { description, content: { [type]: { schema: z.string().openapi({ type: 'string', format: 'binary' }) } } };
}

/** A WebSocket upgrade: 101 and then the frames the socket carries (JSON text messages), or a JSON error (426 when the request is no upgrade). */
export function socketResponses<S extends z.ZodType>(frames: S) {
  return {
    101: { description: 'Switching protocols: the socket then carries these frames, one JSON text message each ("ping" is answered "pong")', content: { 'application/json': { schema: frames } } },
    426: error('Not a WebSocket upgrade'),
    default: error('Refused'),
  } as const;
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
