// The demo org's two templates (local development only), so "Send a
// template" works on the first start: a letter the customer only signs, and a
// form with most field types that the customer fills and signs, then the agent
// countersigns. Made once, by name, through the same checks and store as an
// admin's upload (inspectPdf, the definition schema, checkPlacement,
// createTemplate); a template of that name already there, even archived or
// changed by an admin, is left as it is.
import type { z } from 'zod';
import { newId } from '../auth/crypto';
import { AGENT_ROLE, CUSTOMER_ROLE, documentDefinitionSchema, type DocumentDefinition } from '../domain/document-definition';
import { checkPlacement } from '../domain/fields';
import { createTemplate, listTemplates, templateNameTaken } from '../directory/templates';
import type { Env } from '../env';
import { unwrap } from '../errors';
import type { DemoSheet } from './dev-demo-pdf';

interface DemoTemplate {
  name: string;
  sheet: Omit<DemoSheet, 'fields'>;
  /** As an admin would send it: defaults (required: true) filled in by the schema. */
  definition: z.input<typeof documentDefinitionSchema>;
}

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

const ENGAGEMENT_LETTER: DemoTemplate = {
  name: 'Engagement letter',
  sheet: {
    title: 'Engagement letter',
    paragraphs: [
      'Thank you for choosing to work with us. This letter confirms that we will help you with the matter we discussed, and how we will work together.',
      'We will keep you informed at every step, answer your questions within one working day, and never share your information without your permission.',
      'You may end this engagement at any time by telling your agent. Fees are only charged for work you approved in advance.',
      'By signing below you confirm that you have read this letter and agree to it.',
    ],
    headings: [],
  },
  definition: {
    roles: [{ name: CUSTOMER_ROLE }],
    signingOrder: 'parallel',
    fields: [{ id: 'signature', type: 'signature', page: 1, rect: box(72, 470, 240, 56), role: CUSTOMER_ROLE, label: 'Your signature' }],
  },
};

const NEW_CLIENT_FORM: DemoTemplate = {
  name: 'New client form',
  sheet: {
    title: 'New client form',
    paragraphs: ['A few details so that we can set up your account. Fields marked optional may be left empty.'],
    headings: [
      { text: 'About you', y: 645 },
      { text: 'Your choices', y: 495 },
      { text: 'Signatures', y: 300 },
    ],
  },
  definition: {
    // The customer fills and signs first; then the agent countersigns.
    roles: [{ name: CUSTOMER_ROLE }, { name: AGENT_ROLE }],
    signingOrder: 'sequential',
    fields: [
      { id: 'full_name', type: 'full_name', page: 1, rect: box(72, 590, 220, 24), role: CUSTOMER_ROLE, label: 'Full name' },
      { id: 'email', type: 'email', page: 1, rect: box(320, 590, 220, 24), role: CUSTOMER_ROLE, label: 'Email' },
      { id: 'phone', type: 'phone', page: 1, rect: box(72, 535, 220, 24), role: CUSTOMER_ROLE, label: 'Phone (optional)', required: false },
      { id: 'birth_date', type: 'text', page: 1, rect: box(320, 535, 220, 24), role: CUSTOMER_ROLE, label: 'Date of birth (YYYY-MM-DD)', validation: { format: 'date' } },
      { id: 'plan', type: 'dropdown', page: 1, rect: box(72, 440, 220, 24), role: CUSTOMER_ROLE, label: 'Plan', options: ['Basic', 'Standard', 'Premium'] },
      { id: 'contact_by', type: 'radio', page: 1, rect: box(320, 440, 220, 24), role: CUSTOMER_ROLE, label: 'How should we reach you?', options: ['Email', 'Phone call', 'Text message'] },
      { id: 'notes', type: 'text', page: 1, rect: box(72, 370, 468, 40), role: CUSTOMER_ROLE, label: 'Anything we should know? (optional)', required: false, validation: { maxLength: 500 } },
      { id: 'terms', type: 'checkbox', page: 1, rect: box(72, 330, 16, 16), role: CUSTOMER_ROLE, label: 'I have read and accept the terms of service' },
      { id: 'customer_signature', type: 'signature', page: 1, rect: box(72, 215, 220, 56), role: CUSTOMER_ROLE, label: 'Your signature' },
      { id: 'customer_date', type: 'date_signed', page: 1, rect: box(320, 215, 150, 24), role: CUSTOMER_ROLE, label: 'Date' },
      { id: 'agent_signature', type: 'signature', page: 1, rect: box(72, 110, 220, 56), role: AGENT_ROLE, label: 'Agent signature' },
      { id: 'agent_date', type: 'date_signed', page: 1, rect: box(320, 110, 150, 24), role: AGENT_ROLE, label: 'Date' },
    ],
  },
};

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [ENGAGEMENT_LETTER, NEW_CLIENT_FORM];

/** The demo templates, made where absent; each one's id and name, in the order above. */
export async function ensureDemoTemplates(env: Pick<Env, 'DB' | 'FILES'>, demo: { orgId: string; adminId: string }, at: number): Promise<Array<{ id: string; name: string }>> {
  for (const t of DEMO_TEMPLATES) {
    if (!(await templateNameTaken(env.DB, demo.orgId, t.name))) await addDemoTemplate(env, demo, t, at);
  }
  const listed = await listTemplates(env.DB, demo.orgId);
  return DEMO_TEMPLATES.flatMap((t) => listed.filter((l) => l.name === t.name).map((l) => ({ id: l.id, name: l.name })));
}

async function addDemoTemplate(env: Pick<Env, 'DB' | 'FILES'>, demo: { orgId: string; adminId: string }, t: DemoTemplate, at: number): Promise<void> {
  const definition: DocumentDefinition = documentDefinitionSchema.parse(t.definition);
  // pdf-lib loads only when a demo template is made, as for an upload.
  const [{ drawDemoPdf }, { inspectPdf }] = await Promise.all([import('./dev-demo-pdf'), import('../documents/inspect-pdf')]);
  const pdf = unwrap(await inspectPdf(await drawDemoPdf({ ...t.sheet, fields: definition.fields })));
  const misplaced = checkPlacement(definition.fields, pdf.pages);
  if (misplaced.length) throw new Error(`demo template "${t.name}": ${misplaced.map((p) => `${p.path}: ${p.message}`).join('; ')}`);

  const id = newId('tpl');
  // The same key and metadata as an admin's upload (api/templates.ts).
  const key = `orgs/${demo.orgId}/templates/${id}/v1.pdf`;
  await env.FILES.put(key, pdf.bytes, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256: pdf.sha256 } });
  const version = { templateId: id, version: 1, pdfKey: key, pdfSha256: pdf.sha256, pages: pdf.pages, ...definition, createdBy: demo.adminId, at };
  try {
    await createTemplate(env.DB, { orgId: demo.orgId, name: t.name }, version);
  } catch (err) {
    // A seed running at the same time made it first (templates are unique by name in an org): keep theirs.
    await env.FILES.delete(key);
    if (!(await templateNameTaken(env.DB, demo.orgId, t.name))) throw err;
  }
}
