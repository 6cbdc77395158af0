// Body limits, attached to the routes they guard (hono's bodyLimit): small
// JSON everywhere, a file's own limit plus form overhead on uploads, more
// room where an admin saves long texts. An oversized body is a JSON 413
// naming the limit, before any of it is read.
import { bodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import { EMAIL_HTML_MAX } from '../domain/notification-settings';
import { ApiError } from '../errors';

export const JSON_LIMIT = 64 * 1024;
/** Multipart overhead allowed on top of the file itself. */
export const FORM_OVERHEAD = 64 * 1024;

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'body_too_large', `the request body is over ${maxBytes} bytes`);
    },
  });
}

/** A JSON body: at most 64 KB. */
export const jsonBody = limitBody(JSON_LIMIT);

/** A multipart upload of one file of at most maxFileBytes. */
export const uploadBody = (maxFileBytes: number) => limitBody(maxFileBytes + FORM_OVERHEAD);

/** The notification texts: four email bodies of up to EMAIL_HTML_MAX characters, each of which JSON may spell as a six-byte \u escape. */
export const notificationTextsBody = limitBody(JSON_LIMIT + 4 * EMAIL_HTML_MAX * 6);
