// /api/verify — public: is this PDF, byte for byte, a document this Parley sealed?
import { createRoute, z } from '@hono/zod-openapi';
import { sha256HexBytes } from '../auth/crypto';
import { MAX_PDF_BYTES } from '../documents/pdf-limits';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { fileField, readForm } from './uploads';

export const verify = createApi();

verify.openapi(
  createRoute({
    method: 'post',
    path: '/verify',
    tags: ['Verification (public)'],
    summary: 'Check a PDF: an unmodified document sealed by this Parley, or not',
    security: [],
    request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } },
    responses: { 200: jsonResponse('{ sealedByParley, name?, sealedAt?, sha256 }'), ...errorResponses },
  }),
  async (c) => {
    const { bytes } = await fileField(await readForm(c, MAX_PDF_BYTES));
    const sha256 = await sha256HexBytes(new Uint8Array(bytes));
    const row = await c.env.DB.prepare('SELECT name, sealed_at FROM sealed_documents WHERE sha256 = ?').bind(sha256).first<{ name: string; sealed_at: number }>();
    if (!row) {
      return c.json({ sealedByParley: false, sha256, message: 'not a document sealed by this Parley, or it was changed after sealing' }, 200);
    }
    // Only what the holder of the file can already read in it: its name and when it was sealed.
    return c.json({ sealedByParley: true, sha256, name: row.name, sealedAt: new Date(row.sealed_at).toISOString(), message: 'an unmodified document sealed by this Parley' }, 200);
  },
);
