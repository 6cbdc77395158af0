// A document the customer signs and Parley seals at once: a one-signature
// template sent to the session, consented to and signed in the customer's
// browser. What write-back tests attach to CRM records.
import { documentForm, makePdf, signatureField } from './pdf';
import { call, type Browser, type Org } from './world';

export async function sealedDocument(org: Org, c: { sessionId: string; browser: Browser }): Promise<{ itemId: string; sha256: string }> {
  const tpl = await call('POST', '/api/v1/templates', {
    token: org.admin.token,
    body: documentForm(await makePdf(1), { roles: [{ name: 'Customer' }], signingOrder: 'parallel', fields: [signatureField('sig')] }, { name: `Consent ${crypto.randomUUID().slice(0, 6)}` }),
  });
  const sent = await call('POST', `/api/v1/sessions/${c.sessionId}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } });
  const itemId = sent.json.item.id as string;
  await c.browser.request('POST', '/room/api/consent');
  await c.browser.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: { kind: 'typed', text: 'Cora' } });
  const done = await c.browser.request('POST', `/room/api/documents/${itemId}/complete`);
  if (done.json.item?.status !== 'completed') throw new Error(`not sealed: ${done.text}`);
  return { itemId, sha256: done.json.document.sealed.sha256 as string };
}
