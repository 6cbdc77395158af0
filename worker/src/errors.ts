// Errors that carry their HTTP status and a message naming the problem.
// Durable Object methods return them as values (RPC keeps plain objects
// intact); routes turn them into JSON responses.
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 502 | 503;

export interface Failure {
  ok: false;
  status: ErrorStatus;
  code: string;
  message: string;
  /** Where a customer denied access should be sent, when the admin set a redirect URL. */
  redirectUrl?: string | null;
  /** Numbers and times the message speaks of, for a page to say them in the customer's language (the code page: tries left, locked until). */
  details?: Record<string, string | number>;
}
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (status: ErrorStatus, code: string, message: string): Failure => ({ ok: false, status, code, message });

export const notFound = (what: string) => fail(404, 'not_found', `${what} not found`);

/** Thrown inside routes; the app's error handler renders it. */
export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    /** Per field, as request validation reports them. */
    readonly issues?: { field: string; message: string }[],
  ) {
    super(message);
  }

  /** A field found wrong after validation, reported like validation's own 422. */
  static invalidField(field: string, message: string): ApiError {
    return new ApiError(422, 'invalid_request', `${field}: ${message}`, [{ field, message }]);
  }
  static from(f: Failure): ApiError {
    return new ApiError(f.status, f.code, f.message);
  }
}

/** Unwrap a Result or throw its failure as an ApiError. */
export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw ApiError.from(r);
  return r.value;
}
