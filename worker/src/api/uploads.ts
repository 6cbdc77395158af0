// Reading an uploaded file (multipart/form-data, field "file") and serving one
// back. Shared by the agent API and the customer room.
import type { Context } from 'hono';
import { isId } from '../contract/ids';
import { ApiError } from '../errors';
import { byteRange } from './byte-range';

export interface Upload {
  bytes: ArrayBuffer;
  fileName: string | undefined;
  text: string | undefined;
  threadId: string | undefined;
}

/** The multipart form (its media type and size were checked by the route's uploadBody). */
export async function readForm(c: Context): Promise<FormData> {
  try {
    return await c.req.formData();
  } catch {
    throw new ApiError(400, 'malformed_form', 'the multipart body could not be read');
  }
}

/** The form's "file" field, required. */
export async function fileField(form: FormData): Promise<{ bytes: ArrayBuffer; fileName: string | undefined }> {
  const file = form.get('file');
  if (!file || typeof file === 'string') throw new ApiError(422, 'file_required', 'file: a file field is required');
  return { bytes: await file.arrayBuffer(), fileName: file.name || undefined };
}

/** A chat attachment: the file, an optional caption, an optional private session. */
export async function readUpload(c: Context): Promise<Upload> {
  const form = await readForm(c);
  const file = await fileField(form);
  const text = form.get('text');
  const threadId = form.get('threadId');
  if (typeof text === 'string' && text.length > 4000) throw new ApiError(422, 'invalid_request', 'text: at most 4000 characters');
  if (threadId !== null && (typeof threadId !== 'string' || !isId('thread', threadId))) {
    throw new ApiError(422, 'invalid_request', 'threadId: must be a private session id (thr_…)');
  }
  return { ...file, text: typeof text === 'string' ? text : undefined, threadId: threadId ?? undefined };
}

/**
 * Stream a stored file (or bytes made on the fly) as a download, typed by us,
 * never sniffed by the browser. `ranges`: the request's Range header, on a
 * route that serves byte ranges (206), so a PDF viewer reads only the parts it
 * draws. Only the room's document original does: elsewhere a range request
 * would cost a whole download's work (an audit entry, a flattening) each time.
 */
export async function fileResponse(
  files: R2Bucket,
  info: { name: string; type: string } & ({ key: string } | { bytes: Uint8Array }),
  ranges?: { header: string | undefined },
): Promise<Response> {
  const rangeHeader = ranges?.header;
  // Stored files are read once; their size is looked up first only when a range is asked for.
  const stored = 'key' in info && !rangeHeader ? await files.get(info.key) : null;
  const size = 'bytes' in info ? info.bytes.byteLength : (stored ?? (await files.head(info.key)))?.size;
  if (size === undefined) throw new ApiError(404, 'not_found', 'file not found');
  const range = byteRange(rangeHeader, size);
  const headers: Record<string, string> = {
    'Content-Type': info.type,
    // An ASCII fallback name for old clients, the exact name for the rest (RFC 6266).
    'Content-Disposition': `attachment; filename="${info.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(info.name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    ...(ranges ? { 'Accept-Ranges': 'bytes' } : {}),
  };
  if (range === 'unsatisfiable') return new Response(null, { status: 416, headers: { ...headers, 'Content-Range': `bytes */${size}` } });
  const part = range ?? { offset: 0, length: size };
  let body: ReadableStream | Uint8Array;
  if ('bytes' in info) {
    body = info.bytes.subarray(part.offset, part.offset + part.length);
  } else {
    const object = stored ?? (await files.get(info.key, range ? { range: part } : undefined));
    if (!object) throw new ApiError(404, 'not_found', 'file not found');
    body = object.body;
  }
  headers['Content-Length'] = String(part.length);
  if (range) headers['Content-Range'] = `bytes ${part.offset}-${part.offset + part.length - 1}/${size}`;
  return new Response(body, { status: range ? 206 : 200, headers });
}

/** A fileResponse the browser shows in place (a preview) rather than saves: the same answer, "inline" instead of "attachment". */
export function shownInPlace(res: Response): Response {
  const headers = new Headers(res.headers);
  headers.set('Content-Disposition', headers.get('Content-Disposition')!.replace(/^attachment/, 'inline'));
  return new Response(res.body, { status: res.status, headers });
}
