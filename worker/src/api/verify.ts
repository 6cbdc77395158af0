// /api/verify — public: is this PDF, byte for byte, a document this Parley sealed?
import { createRoute, z } from '@hono/zod-openapi';
import { sha256HexBytes } from '../auth/crypto';
import { verificationSchema } from '../contract/room';
import { findSealedDocument } from '../directory/sealed-documents';
import { MAX_PDF_BYTES } from '../documents/pdf-limits';
import { uploadBody } from './body-limits';
import { createApi, errorResponses, json, uploadErrorResponses } from './openapi';
import { rateLimit } from './rate-limit';
import { fileField, readForm } from './uploads';

export const verify = createApi();

verify.openapi(
  createRoute({
    method: 'post',
    path: '/verify',
    operationId: 'verifySealedPdf',
    tags: ['Verification (public)'],
    summary: 'Check a PDF: an unmodified document sealed by this Parley, or not',
    security: [],
    // Counted before the upload is read: a limited client costs no hashing.
    middleware: [rateLimit('verify'), uploadBody(MAX_PDF_BYTES)],
    request: { body: { required: true, content: { 'multipart/form-data': { schema: z.object({ file: z.any().openapi({ type: 'string', format: 'binary' }) }) } } } },
    responses: { 200: json(verificationSchema, 'Whether the file is a document this Parley sealed, unchanged'), ...uploadErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { bytes } = await fileField(await readForm(c));
    const sha256 = await sha256HexBytes(new Uint8Array(bytes));
    const row = await findSealedDocument(c.env.DB, sha256);
    if (!row) {
      return c.json({ sealedByParley: false as const, sha256, message: 'not a document sealed by this Parley, or it was changed after sealing' }, 200);
    }
    // Only what the holder of the file can already read in it: its name and when it was sealed.
    return c.json({ sealedByParley: true as const, sha256, name: row.name, sealedAt: new Date(row.sealed_at).toISOString(), message: 'an unmodified document sealed by this Parley' }, 200);
  },
);
