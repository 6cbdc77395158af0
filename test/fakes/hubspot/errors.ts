// The error shapes HubSpot answers with, in one place so every endpoint of
// the fake says them the same way ("Error handling" in HubSpot's API
// reference; the API usage guidelines for 429):
// - API errors: { status: 'error', message, correlationId, category, errors?, context? };
// - per-input errors inside a batch answer (207 Multi-Status): { status: 'error', category, message, context };
// - rate limits: 429 { status: 'error', message, errorType: 'RATE_LIMIT', correlationId, policyName, requestId };
// - the OAuth token endpoint: 400 { status: 'BAD_REFRESH_TOKEN' | 'BAD_AUTH_CODE' | …, message }.

export const JSON_TYPE = 'application/json;charset=utf-8';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

export const correlationId = () => crypto.randomUUID();

export interface ErrorDetail {
  message: string;
  code?: string;
  context?: Record<string, string[]>;
}

export const apiError = (status: number, category: string, message: string, extra: { errors?: ErrorDetail[]; context?: Record<string, string[]> } = {}): Response =>
  json(status, { status: 'error', message, correlationId: correlationId(), category, ...extra });

/** One input of a batch that failed, as batch answers list them. */
export interface BatchError {
  status: 'error';
  category: string;
  message: string;
  context: Record<string, string[]>;
}

export const batchError = (category: string, message: string, context: Record<string, string[]>): BatchError => ({ status: 'error', category, message, context });

export const unauthorized = (): Response =>
  apiError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication.');

/** A token HubSpot knows but no longer honours: the app was uninstalled from the portal. */
export const expiredAuthentication = (): Response => apiError(401, 'EXPIRED_AUTHENTICATION', 'The OAuth token used to make this call expired or was revoked.');

export const notFound = (what = 'resource'): Response => apiError(404, 'OBJECT_NOT_FOUND', `The requested ${what} was not found.`);

export const methodNotAllowed = (method: string): Response => apiError(405, 'METHOD_NOT_ALLOWED', `HTTP method ${method} is not supported by this endpoint.`);

export const validationError = (message: string, errors?: ErrorDetail[]): Response => apiError(400, 'VALIDATION_ERROR', message, errors ? { errors } : {});

export const conflict = (message: string): Response => apiError(409, 'OBJECT_ALREADY_EXISTS', message);

/** What an unknown property earns: the whole call is refused, naming the property. */
export const propertyDoesntExist = (names: string[]): Response =>
  validationError(
    `Property values were not valid: ${JSON.stringify(names.map((name) => ({ isValid: false, message: `Property "${name}" does not exist`, error: 'PROPERTY_DOESNT_EXIST', name })))}`,
    names.map((name) => ({ message: `Property "${name}" does not exist`, code: 'PROPERTY_DOESNT_EXIST', context: { propertyName: [name] } })),
  );

export interface RateLimitHeaders {
  max: number;
  remaining: number;
  intervalMs: number;
}

export const rateLimitHeaders = (h: RateLimitHeaders): Record<string, string> => ({
  'X-HubSpot-RateLimit-Max': String(h.max),
  'X-HubSpot-RateLimit-Remaining': String(h.remaining),
  'X-HubSpot-RateLimit-Interval-Milliseconds': String(h.intervalMs),
});

export const rateLimitBody = () => ({
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: correlationId(),
  policyName: 'TEN_SECONDLY_ROLLING',
  requestId: crypto.randomUUID(),
});

export const rateLimited = (h: RateLimitHeaders, extraHeaders: Record<string, string> = {}): Response => json(429, rateLimitBody(), { ...rateLimitHeaders(h), ...extraHeaders });

/** The OAuth token endpoint's refusals. `error` carries the OAuth 2.0 code beside HubSpot's own status. */
export const oauthError = (status: 'BAD_REFRESH_TOKEN' | 'BAD_AUTH_CODE' | 'BAD_CLIENT_ID' | 'BAD_CLIENT_SECRET' | 'BAD_GRANT_TYPE' | 'BAD_REDIRECT_URI', message: string): Response =>
  json(400, {
    status,
    message,
    correlationId: correlationId(),
    error: status === 'BAD_REFRESH_TOKEN' || status === 'BAD_AUTH_CODE' ? 'invalid_grant' : status === 'BAD_GRANT_TYPE' ? 'unsupported_grant_type' : 'invalid_client',
    error_description: message,
  });

/** The body a fault answers with when the test gives none: what HubSpot says for that status. */
export function faultBody(status: number): unknown {
  if (status === 429) return rateLimitBody();
  if (status === 401) return { status: 'error', message: 'Authentication credentials not found.', correlationId: correlationId(), category: 'INVALID_AUTHENTICATION' };
  if (status === 502 || status === 504) return { status: 'error', message: 'Bad Gateway', correlationId: correlationId(), category: 'BAD_GATEWAY' };
  if (status === 503) return { status: 'error', message: 'Service Unavailable', correlationId: correlationId(), category: 'SERVICE_UNAVAILABLE' };
  return { status: 'error', message: 'internal error', correlationId: correlationId(), category: 'INTERNAL_ERROR' };
}
