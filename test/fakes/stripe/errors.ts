// The error shape Stripe's API answers with, in one place so every route of
// the fake says it the same way (docs.stripe.com/api/errors):
//   { "error": { "type", "code"?, "decline_code"?, "message", "param"?, "doc_url"? } }
// type is api_error, card_error, idempotency_error or invalid_request_error.

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeError {
  type: StripeErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'request-id': `req_${crypto.randomUUID().replaceAll('-', '').slice(0, 14)}`, ...headers } });
}

export function stripeError(status: number, error: StripeError): Response {
  const docUrl = error.code ? { doc_url: `https://stripe.com/docs/error-codes/${error.code.replaceAll('_', '-')}` } : {};
  return json(status, { error: { ...error, ...docUrl } });
}

export const invalidRequest = (message: string, code?: string, param?: string): Response =>
  stripeError(400, { type: 'invalid_request_error', message, ...(code ? { code } : {}), ...(param ? { param } : {}) });

export const noSuch = (resource: string, id: string): Response =>
  stripeError(404, { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: `No such ${resource}: '${id}'` });

/** 401 for a missing or unknown secret key; only the key's last four characters are echoed, as Stripe does. */
export const invalidKey = (key: string | null): Response =>
  stripeError(401, { type: 'invalid_request_error', message: key ? `Invalid API Key provided: ${key.slice(0, 8)}********${key.slice(-4)}` : 'You did not provide an API key.' });
