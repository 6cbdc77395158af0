// The two files of a template: the PDF, and its definition (fields, roles,
// signing order) as JSON. Both are checked here, before anything is sent, so
// a wrong path or a broken file is named by its path rather than by a
// Worker error about a form field.
import { readFile } from 'node:fs/promises';
import { Messages } from '@salesforce/core';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.template-files');

/**
 * What the Worker's "definition" form field holds (worker/src/domain/
 * document-definition.ts). Only the shape is checked here; the Worker
 * checks the fields themselves and says which one is wrong.
 */
export type TemplateDefinition = {
  roles?: { name: string; required?: boolean }[];
  signingOrder?: 'parallel' | 'sequential';
  fields: Record<string, unknown>[];
};

/** Every PDF starts with this header (ISO 32000-1, 7.5.2). */
const PDF_HEADER = '%PDF-';

export async function readTemplatePdf(path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw messages.createError('error.FileUnreadable', [path, (error as NodeJS.ErrnoException).code ?? String(error)]);
  }
  if (bytes.subarray(0, PDF_HEADER.length).toString('latin1') !== PDF_HEADER) {
    throw messages.createError('error.NotPdf', [path]);
  }
  return bytes;
}

/**
 * The definition file: the whole definition ({ roles, signingOrder, fields }),
 * or just the array of fields, which then all belong to the default
 * Customer role.
 */
export async function readTemplateDefinition(path: string): Promise<TemplateDefinition> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw messages.createError('error.FileUnreadable', [path, (error as NodeJS.ErrnoException).code ?? String(error)]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw messages.createError('error.FieldsNotJson', [path, (error as Error).message]);
  }
  const definition = Array.isArray(json) ? { fields: json as unknown[] } : json;
  const fields = (definition as { fields?: unknown } | null)?.fields;
  if (typeof definition !== 'object' || definition === null || !Array.isArray(fields) || fields.length === 0) {
    throw messages.createError('error.NoFields', [path]);
  }
  return definition as TemplateDefinition;
}
