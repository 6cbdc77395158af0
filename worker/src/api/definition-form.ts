// Reading a document upload: the PDF in "file" and its definition (fields,
// roles, signing order) as JSON in "definition". Checks everything a
// document needs before anything is stored.
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { checkPlacement } from '../domain/fields';
import { documentDefinitionSchema, type DocumentDefinition } from '../domain/document-definition';
import type { InspectedPdf } from '../documents/inspect-pdf';
import { ApiError, unwrap } from '../errors';
import { describeIssues } from './openapi';
import { fileField, readForm } from './uploads';

export interface DocumentUpload {
  pdf: InspectedPdf;
  definition: DocumentDefinition;
  form: FormData;
}

export async function readDocumentUpload(c: Context): Promise<DocumentUpload> {
  const form = await readForm(c);
  const definition = parseDefinition(form.get('definition'));
  // pdf-lib loads only for uploads, not on every request's path.
  const { inspectPdf } = await import('../documents/inspect-pdf');
  const pdf = unwrap(await inspectPdf(new Uint8Array((await fileField(form)).bytes)));
  const misplaced = checkPlacement(definition.fields, pdf.pages);
  if (misplaced.length) {
    const issues = misplaced.map((p) => ({ field: `definition.${p.path}`, message: p.message }));
    throw new ApiError(422, 'invalid_fields', issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
  return { pdf, definition, form };
}

function parseDefinition(raw: string | File | null): DocumentDefinition {
  if (typeof raw !== 'string') throw new ApiError(422, 'definition_required', 'definition: a JSON field "definition" with the fields is required');
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ApiError(422, 'invalid_request', 'definition: not valid JSON');
  }
  const parsed = documentDefinitionSchema.safeParse(json);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error as ZodError, 'definition');
    throw new ApiError(422, 'invalid_request', issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
