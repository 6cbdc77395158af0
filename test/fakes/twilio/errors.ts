// The error shape Twilio's REST API answers with, in one place so every
// route of the fake says it the same way: a JSON object
//   { "code": 21211, "message": "…", "more_info": "https://www.twilio.com/docs/errors/21211", "status": 400 }
// ("Twilio API responses", twilio.com/docs/usage/twilios-response), with the
// HTTP status repeated in the body. Codes and messages from Twilio's error
// reference (twilio.com/docs/api/errors/{code}).

export const JSON_TYPE = 'application/json; charset=utf-8';

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

export const errorBody = (status: number, code: number, message: string): TwilioErrorBody => ({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

export const twilioError = (status: number, code: number, message: string, headers: Record<string, string> = {}): Response => json(status, errorBody(status, code, message), headers);

/** 401 for missing or wrong credentials, with the challenge Twilio sends. */
export const authenticate = (): Response => twilioError(401, 20003, 'Authenticate', { 'WWW-Authenticate': 'Basic realm="Twilio API"' });

export const notFound = (path: string): Response => twilioError(404, 20404, `The requested resource ${path} was not found`);

export const methodNotAllowed = (method: string): Response => twilioError(405, 20004, `Method not allowed: ${method}`);

/** The body of a planned fault, by status: 429 Too Many Requests (20429), 5xx Twilio's internal errors. */
export function faultBody(status: number): TwilioErrorBody {
  if (status === 429) return errorBody(429, 20429, 'Too Many Requests');
  if (status === 503) return errorBody(503, 20503, 'Service Unavailable');
  if (status >= 500) return errorBody(status, 20500, 'Internal Server Error');
  return errorBody(status, 20001, 'Unknown problem');
}

/** A refusal of a message create: always HTTP 400 in Twilio's API. */
export const refusal = (code: number, message: string): Response => twilioError(400, code, message);
