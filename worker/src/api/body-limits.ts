// What a route accepts as its body, attached to the route: its media type
// (JSON, or a multipart upload) and its size (hono's bodyLimit: small JSON
// everywhere, a file's own limit plus form overhead on uploads, more room
// where an admin saves long texts). Both are checked before any of the body
// is read, with a 415 or 413 that says what to send instead.
import { bodyLimit } from 'hono/body-limit';
import { every } from 'hono/combine';
import { createMiddleware } from 'hono/factory';
import type { MiddlewareHandler } from 'hono';
import { EMAIL_HTML_MAX } from '../domain/notification-settings';
import { ApiError } from '../errors';

const JSON_LIMIT = 64 * 1024;
/** Multipart overhead allowed on top of the file itself. */
const FORM_OVERHEAD = 64 * 1024;

function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, 'body_too_large', `the request body is over ${maxBytes} bytes`);
    },
  });
}

/**
 * A body of this media type, or none where the route allows none: the rule
 * the routes' own validators apply, with a message naming what to send.
 */
function mediaType(type: string, code: string, message: string): MiddlewareHandler {
  return createMiddleware(async (c, next) => {
    const contentType = c.req.header('Content-Type');
    const hasBody = contentType !== undefined || Number(c.req.header('Content-Length') ?? '0') > 0 || c.req.header('Transfer-Encoding') !== undefined;
    if (hasBody && contentType?.split(';')[0]!.trim().toLowerCase() !== type) throw new ApiError(415, code, message);
    await next();
  });
}

const json = mediaType('application/json', 'json_required', 'send the body as JSON (Content-Type: application/json)');
const multipart = mediaType('multipart/form-data', 'multipart_required', 'send the file as multipart/form-data in a field named "file"');

/** A JSON body: at most 64 KB. */
export const jsonBody = every(json, limitBody(JSON_LIMIT));

/** A provider's webhook: its form or JSON body is small; anything larger is not from the provider. */
export const webhookBody = limitBody(JSON_LIMIT);

/** A multipart upload of one file of at most maxFileBytes. */
export const uploadBody = (maxFileBytes: number) => every(multipart, limitBody(maxFileBytes + FORM_OVERHEAD));

/** The notification texts: four email bodies of up to EMAIL_HTML_MAX characters, each of which JSON may spell as a six-byte \u escape. */
export const notificationTextsBody = every(json, limitBody(JSON_LIMIT + 4 * EMAIL_HTML_MAX * 6));
