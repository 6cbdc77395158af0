// The error shapes Salesforce answers with, in one place so every endpoint of
// the fake says them the same way:
// - REST API errors: a JSON array of { message, errorCode, fields? } with a 4xx/5xx
//   status ("Status Codes and Error Responses", REST API Developer Guide);
// - per-record errors inside sObject Collections results: { statusCode, message, fields };
// - OAuth token endpoint errors: { error, error_description } with 400 (RFC 6749 §5.2).

export const JSON_TYPE = 'application/json;charset=UTF-8';

export interface RestError {
  message: string;
  errorCode: string;
  fields?: string[];
}

/** One error of one record in a save result. */
export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export const saveError = (statusCode: string, message: string, fields: string[] = []): SaveError => ({ statusCode, message, fields });

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': JSON_TYPE, ...headers } });
}

export const restError = (status: number, errorCode: string, message: string, fields?: string[]): Response =>
  json(status, [fields ? { message, errorCode, fields } : { message, errorCode }]);

/** A failed single-record save (POST /sobjects/X) answers its record errors as REST errors. */
export const saveErrorsResponse = (errors: SaveError[]): Response =>
  json(
    400,
    errors.map((e) => ({ message: e.message, errorCode: e.statusCode, fields: e.fields })),
  );

export const oauthError = (error: string, description: string): Response => json(400, { error, error_description: description });

// ── The documented bodies the fake uses more than once ──

export const invalidSession = (): Response => restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');

export const notFound = (): Response => restError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const methodNotAllowed = (method: string, allowed: string[]): Response =>
  restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(',')}`);

export const requestLimitExceeded = (status = 403): Response => restError(status, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');

/** What a JSON body that does not fit the sObject's field types earns, for the whole request. */
export const jsonParserError = (message: string): Response => restError(400, 'JSON_PARSER_ERROR', message);

export const noSuchColumn = (field: string, object: string): Response =>
  restError(400, 'INVALID_FIELD', `No such column '${field}' on sobject of type ${object}`);

/** The body a fault answers with when the test gives none: what Salesforce says for that status. */
export function faultBody(status: number): RestError[] {
  switch (status) {
    case 403:
    case 429:
      return [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];
    case 503:
      return [{ message: 'The server is unavailable to handle the request. Try again later.', errorCode: 'SERVER_UNAVAILABLE' }];
    default:
      return [
        {
          message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 1906481432-31337 (-1268145092)',
          errorCode: 'UNKNOWN_EXCEPTION',
        },
      ];
  }
}
