// sf parley template push: a PDF and its fields become a template, or the
// next version of the template with that name. Same requests as the
// Worker's template routes (worker/src/api/templates.ts): multipart with
// the PDF in "file" and the definition as JSON in "definition"; "name" only
// when creating.
import { basename } from 'node:path';
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import { clientFor, workerFlags } from '../../../shared/worker-flags.js';
import { readTemplateDefinition, readTemplatePdf } from '../../../shared/template-files.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.template.push');

export type TemplatePushResult = {
  /** true when the template was new, false when this is a new version of it. */
  created: boolean;
  id: string;
  name: string;
  version: number;
  pageCount: number;
  fieldCount: number;
  /** Role names in signing order. */
  roles: string[];
  signingOrder: string;
  pdfSha256: string;
};

/** GET /templates. */
type TemplateSummary = { id: string; name: string; version: number; updatedAt: string };
/** What both upload routes answer (templateVersionView). */
type TemplateVersionView = {
  id: string;
  name: string;
  version: number;
  pdfSha256: string;
  pages: unknown[];
  roles: { name: string }[];
  signingOrder: string;
  fields: unknown[];
};

export default class TemplatePush extends SfCommand<TemplatePushResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...workerFlags,
    name: Flags.string({ summary: messages.getMessage('flags.name.summary'), required: true }),
    pdf: Flags.file({ summary: messages.getMessage('flags.pdf.summary'), required: true, exists: true }),
    fields: Flags.file({ summary: messages.getMessage('flags.fields.summary'), required: true, exists: true }),
  };

  public async run(): Promise<TemplatePushResult> {
    const { flags } = await this.parse(TemplatePush);
    const name = flags.name.trim();
    const pdf = await readTemplatePdf(flags.pdf);
    const definition = await readTemplateDefinition(flags.fields);

    const client = clientFor(flags);
    // The Worker keeps names unique per org, compared exactly.
    const { templates } = await client.get<{ templates: TemplateSummary[] }>('/templates');
    const existing = templates.find((t) => t.name === name);

    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), basename(flags.pdf));
    form.set('definition', JSON.stringify(definition));
    if (!existing) form.set('name', name);
    const view = existing
      ? await client.upload<TemplateVersionView>(`/templates/${existing.id}/versions`, form)
      : await client.upload<TemplateVersionView>('/templates', form);

    const result: TemplatePushResult = {
      created: !existing,
      id: view.id,
      name: view.name,
      version: view.version,
      pageCount: view.pages.length,
      fieldCount: view.fields.length,
      roles: view.roles.map((r) => r.name),
      signingOrder: view.signingOrder,
      pdfSha256: view.pdfSha256,
    };
    this.logSuccess(
      result.created
        ? messages.getMessage('info.created', [result.name, result.id, result.fieldCount, result.pageCount])
        : messages.getMessage('info.versioned', [result.version, result.name, result.id, result.fieldCount, result.pageCount]),
    );
    return result;
  }
}
