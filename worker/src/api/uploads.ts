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

/** What fileResponse reads of a request's context: the files bucket and the Range header. */
export interface FileContext {
  env: { FILES: R2Bucket };
  req: { header(name: 'Range'): string | undefined };
}

/**
 * Stream a stored file (or bytes made on the fly) as a download, typed by us,
 * never sniffed by the browser. With the request's Range header, one byte
 * range of it (206), so a PDF viewer can read only the parts it draws.
 */
export async function fileResponse(c: FileContext, info: { name: string; type: string } & ({ key: string } | { bytes: Uint8Array })): Promise<Response> {
  const files = c.env.FILES;
  const rangeHeader = c.req.header('Range');
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
    'Accept-Ranges': 'bytes',
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
