// The consent to do business electronically in the signer's language: Parley's
// default is shown in French to a French participant, the consent records the
// hash of exactly that text and its language (the event and every open
// document's audit trail), and an org's own text is shown as written.
import { describe, expect, it } from 'vitest';
import { ESIGN_DISCLOSURES } from '../../../worker/src/documents/esign-disclosure';
import { LOCALES } from '../../../worker/src/i18n/locales';
import { Browser, call, makeOrg, outboxFor, startSession, type Org } from '../../helpers/world';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';

const sha256 = async (text: string) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))].map((b) => b.toString(16).padStart(2, '0')).join('');

async function withDocument(org: Org, customer: Record<string, unknown>) {
  const tpl = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), { roles: [{ name: 'Customer' }], fields: [signatureField('c_sig')] }, { name: 'Contrat' }) });
  expect(tpl.status).toBe(201);
  const s = await startSession(org.alice, { name: 'Léa', email: `lea-${crypto.randomUUID()}@example.com`, ...customer });
  const id = s.session.id as string;
  const lea = new Browser();
  await lea.open((await outboxFor(id))[0]!.link);
  const sent = await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } });
  expect(sent.status).toBe(201);
  return { id, lea, itemId: sent.json.item.id as string };
}

describe('the disclosure in the signer\'s language', () => {
  it('every language has the whole of it: paper copies, withdrawing, contact details, what is needed', () => {
    for (const locale of LOCALES) {
      expect(ESIGN_DISCLOSURES[locale].split('\n\n'), locale).toHaveLength(ESIGN_DISCLOSURES.en.split('\n\n').length);
      expect(ESIGN_DISCLOSURES[locale].length, locale).toBeGreaterThan(600);
    }
  });

  it('is shown in French, and the consent records the hash of that French text and its language', async () => {
    const org = await makeOrg();
    const { id, lea, itemId } = await withDocument(org, { language: 'fr' });
    const shown = await lea.request('GET', '/room/api/consent');
    expect(shown.status).toBe(200);
    expect(shown.json.language).toBe('fr');
    expect(shown.json.text).toBe(ESIGN_DISCLOSURES.fr);
    const hash = await sha256(ESIGN_DISCLOSURES.fr);
    expect(shown.json.sha256).toBe(hash);

    expect((await lea.request('POST', '/room/api/consent')).status).toBe(200);
    const events = await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token });
    const consented = events.json.events.find((e: any) => e.type === 'participant.consented');
    expect(consented.data).toMatchObject({ disclosureSha256: hash, disclosureLanguage: 'fr' });
    const audit = await call('GET', `/api/v1/sessions/${id}/documents/${itemId}/audit`, { token: org.alice.token });
    expect(audit.json.entries.find((e: any) => e.event === 'consented').detail).toBe(`disclosure ${hash} (fr)`);
  });

  it("an org's own text is shown as its admin wrote it, whatever the language, and recorded as the org's", async () => {
    const org = await makeOrg();
    const custom = 'Acme consent, in the words of our lawyers. '.repeat(6).trim();
    expect((await call('PUT', '/api/v1/settings/esign-disclosure', { token: org.admin.token, body: { text: custom } })).status).toBe(200);
    const { id, lea, itemId } = await withDocument(org, { language: 'he' });
    const shown = await lea.request('GET', '/room/api/consent');
    expect(shown.json).toMatchObject({ text: custom, language: null, sha256: await sha256(custom) });
    await lea.request('POST', '/room/api/consent');
    const audit = await call('GET', `/api/v1/sessions/${id}/documents/${itemId}/audit`, { token: org.alice.token });
    expect(audit.json.entries.find((e: any) => e.event === 'consented').detail).toBe(`disclosure ${await sha256(custom)} (the org's own text)`);
  });
});
