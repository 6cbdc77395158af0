// The Files API, as far as attaching a PDF to a note needs it: upload
// (POST /files/v3/files, multipart: file, fileName, folderPath, options
// JSON with access) and search by name (GET /files/v3/files/search?name=…).
// A file's name is kept without its extension, as HubSpot does.
import { json, notFound, validationError } from './errors.ts';
import type { Portal, StoredFile } from './portal.ts';

const ACCESS = ['PUBLIC_INDEXABLE', 'PUBLIC_NOT_INDEXABLE', 'HIDDEN_INDEXABLE', 'HIDDEN_NOT_INDEXABLE', 'HIDDEN_PRIVATE', 'PRIVATE'];

export function fileView(f: StoredFile) {
  const stamp = new Date(f.createdAt).toISOString();
  return {
    id: f.id,
    name: f.name,
    extension: f.extension,
    path: f.path,
    parentFolderId: '1',
    size: f.size,
    type: f.extension === 'pdf' ? 'DOCUMENT' : 'OTHER',
    access: f.access,
    isUsableInContent: false,
    url: `https://fake-hubspot.example/hubfs/${f.id}/${f.name}.${f.extension}`,
    createdAt: stamp,
    updatedAt: stamp,
    archived: false,
  };
}

export async function uploadFile(portal: Portal, request: Request, at: number): Promise<Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return validationError('the upload must be multipart/form-data');
  }
  const file = form.get('file');
  if (!file || typeof file === 'string') return validationError('"file" is required');
  let options: { access?: unknown; overwrite?: unknown };
  try {
    options = JSON.parse(String(form.get('options') ?? ''));
  } catch {
    return validationError('"options" must be JSON with at least "access"');
  }
  if (typeof options.access !== 'string' || !ACCESS.includes(options.access)) return validationError(`options.access must be one of ${ACCESS.join(', ')}`);
  const folderPath = String(form.get('folderPath') ?? '');
  if (!folderPath) return validationError('"folderPath" or "folderId" is required');
  const fileName = String(form.get('fileName') ?? file.name ?? 'file');
  const dot = fileName.lastIndexOf('.');
  const name = dot > 0 ? fileName.slice(0, dot) : fileName;
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const bytes = new Uint8Array(await file.arrayBuffer());
  const path = `${folderPath.replace(/\/$/, '')}/${fileName}`;
  const existing = [...portal.files.values()].find((f) => f.path === path);
  if (existing && options.overwrite === true) {
    Object.assign(existing, { bytes, size: bytes.length });
    return json(201, fileView(existing));
  }
  const stored: StoredFile = { id: portal.mintId(), name: existing ? `${name}-${portal.files.size}` : name, extension, path, folderPath, access: options.access, size: bytes.length, bytes, createdAt: at };
  portal.files.set(stored.id, stored);
  return json(201, fileView(stored));
}

export function searchFiles(portal: Portal, url: URL): Response {
  const name = url.searchParams.get('name');
  const results = [...portal.files.values()].filter((f) => name === null || f.name === name).map(fileView);
  return json(200, { results });
}

export function getFile(portal: Portal, id: string): Response {
  const f = portal.files.get(id);
  return f ? json(200, fileView(f)) : notFound('file');
}
