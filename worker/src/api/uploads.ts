// Reading an uploaded file (multipart/form-data, field "file") and serving one
// back. Shared by the agent API and the customer room.
import type { Context } from 'hono';
import { isId } from '../contract/ids';
import { ApiError } from '../errors';

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

/** Stream a stored file (or bytes made on the fly) as a download, typed by us, never sniffed by the browser. */
export async function fileResponse(files: R2Bucket, info: { name: string; type: string } & ({ key: string } | { bytes: Uint8Array })): Promise<Response> {
  let body: ReadableStream | Uint8Array;
  let size: number;
  if ('bytes' in info) {
    body = info.bytes;
    size = info.bytes.byteLength;
  } else {
    const object = await files.get(info.key);
    if (!object) throw new ApiError(404, 'not_found', 'file not found');
    body = object.body;
    size = object.size;
  }
  return new Response(body, {
    headers: {
      'Content-Type': info.type,
      'Content-Length': String(size),
      // An ASCII fallback name for old clients, the exact name for the rest (RFC 6266).
      'Content-Disposition': `attachment; filename="${info.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(info.name)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  });
}
