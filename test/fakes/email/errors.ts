// Resend's error answers, in one place so every path of the fake says them
// the same way: a JSON body { statusCode, message, name } with the status
// Resend's "Errors" page gives for that name.

export const JSON_TYPE = 'application/json';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

export const resendError = (statusCode: number, name: string, message: string, headers: Record<string, string> = {}): Response =>
  json(statusCode, { statusCode, message, name }, headers);

// ── The documented errors the fake answers with ──

export const missingApiKey = () => resendError(401, 'missing_api_key', 'Missing API key in the authorization header.');

/** The sending endpoints answer 401 for a key that does not exist or was deleted. */
export const invalidApiKey = () => resendError(401, 'validation_error', 'API key is invalid');

/** Not from the API itself: Resend's edge blocks requests without a User-Agent ("403 Error with Error Code 1010"). */
export const noUserAgent = () => new Response('error code: 1010', { status: 403, headers: { 'content-type': 'text/plain; charset=UTF-8' } });

export const notFound = () => resendError(404, 'not_found', 'The requested endpoint does not exist.');

export const methodNotAllowed = () => resendError(405, 'method_not_allowed', 'Method is not allowed for the requested path.');

export const invalidIdempotencyKey = () => resendError(400, 'invalid_idempotency_key', 'Idempotency keys, if present, must have between 1 and 256 characters.');

export const concurrentIdempotentRequests = () =>
  resendError(409, 'concurrent_idempotent_requests', 'There is another request in progress with the same idempotency key.');

export const invalidIdempotentRequest = () =>
  resendError(
    409,
    'invalid_idempotent_request',
    "This idempotency key has been used with this HTTP method and endpoint within the last 24 hours, but the request body was modified and doesn't match the original request.",
  );

export const missingField = (field: string) => resendError(422, 'missing_required_field', `Missing \`${field}\` field.`);

export const validationError = (message: string, status = 422) => resendError(status, 'validation_error', message);

export const invalidAddressField = (field: string) =>
  validationError(`Invalid \`${field}\` field. The email address needs to follow the \`email@example.com\` or \`Name <email@example.com>\` format.`);

export const domainNotVerified = (domain: string) => validationError(`The \`${domain}\` domain is not verified. Please, add and verify your domain.`, 403);

/** What Resend says for a status when a planned fault names no error of its own. */
export function defaultFault(status: number): { name: string; message: string } {
  switch (status) {
    case 429:
      return { name: 'rate_limit_exceeded', message: 'Too many requests. Please limit the number of requests per second. Or contact support to increase rate limit.' };
    case 409:
      return { name: 'concurrent_idempotent_requests', message: 'There is another request in progress with the same idempotency key.' };
    case 503:
      return { name: 'service_unavailable', message: 'API is temporarily unavailable' };
    case 401:
      return { name: 'validation_error', message: 'API key is invalid' };
    default:
      return status >= 500 ? { name: 'application_error', message: 'An unexpected error occurred.' } : { name: 'validation_error', message: 'An error was found with one or more fields in the request.' };
  }
}

/** The quota errors a 429 fault may name instead ("Usage Limits"). */
export const QUOTA_MESSAGES: Record<string, string> = {
  daily_quota_exceeded: 'You have exceeded your daily email sending quota.',
  monthly_quota_exceeded: 'You have exceeded your monthly email sending quota.',
};
