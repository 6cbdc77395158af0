// A document's signers in words, in the customer's language: the count, who
// each signer is, their presence and state, and the signing moment left to a
// <time> (never raw UTC ISO text).
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../worker/src/i18n/catalogue';
import { documentSignerLines, itemSignerLines, signedCountText, signerLineText, signerLineWords } from '../../../worker/src/ui/signer-status';
import type { DocumentRoleView } from '../../../worker/src/contract/documents';

const at = '2026-11-22T10:24:00.000Z';
const role = (name: string, extra: Partial<DocumentRoleView>): DocumentRoleView =>
  ({ name, assigned: null, participant: null, done: false, doneAt: null, pending: false, actingNow: false, ...extra }) as DocumentRoleView;
const roles = [
  role('Customer', { assigned: 'par_AAAAAAAAAAAAAAAA', done: true, doneAt: at }),
  role('Cosigner', { assigned: 'par_BBBBBBBBBBBBBBBB', participant: { id: 'par_BBBBBBBBBBBBBBBB', name: 'Col', online: true } as DocumentRoleView['participant'] }),
  role('Agent', { assigned: 'agent' }),
  role('Guarantor', { pending: true }),
  role('Witness', {}),
];

describe('signer lines', () => {
  it('in English: the count, "You", the other by name with presence, "Your agent", a role still to assign; the moment apart', () => {
    const t = translatorFor('en');
    const lines = documentSignerLines(t, roles, ['Customer']);
    expect(lines.map((l) => l.role)).toEqual(['Customer', 'Cosigner', 'Agent', 'Guarantor']);
    expect(signedCountText(t, lines)).toBe('1 of 4 signed');
    expect(lines.map((l) => signerLineWords(t, l))).toEqual(['You (Customer): signed', 'Col (Cosigner): online, not signed yet', 'Your agent (Agent): not signed yet', 'Not assigned yet (Guarantor): waiting to be assigned']);
    const whole = signerLineText(t, lines[0]!);
    expect(whole.startsWith('You (Customer): signed ')).toBe(true);
    expect(whole).toContain('2026');
    expect(whole).not.toContain('T10:24');
  });

  it('in Spanish and Hebrew, from the same roles', () => {
    const es = translatorFor('es');
    const esLines = documentSignerLines(es, roles, ['Customer']);
    expect(signedCountText(es, esLines)).toBe('1 de 4 han firmado');
    expect(signerLineWords(es, esLines[1]!)).toBe('Col (Cosigner): conectado, sin firmar todavía');
    const he = translatorFor('he');
    const heLines = documentSignerLines(he, roles, ['Customer']);
    expect(signedCountText(he, heLines)).toBe('1 מתוך 4 חתמו');
    expect(signerLineWords(he, heLines[2]!)).toBe('הנציג שלך (Agent): טרם חתם/ה');
  });

  it("joins an item's signers with the people the participant sees", () => {
    const t = translatorFor('fr');
    const lines = itemSignerLines(
      t,
      [
        { role: 'Customer', participantId: 'par_AAAAAAAAAAAAAAAA', done: false, doneAt: null, pending: false, turn: true },
        { role: 'Cosigner', participantId: 'par_BBBBBBBBBBBBBBBB', done: true, doneAt: at, pending: false, turn: false },
        { role: 'Agent', participantId: null, done: false, doneAt: null, pending: false, turn: true },
      ],
      { id: 'par_AAAAAAAAAAAAAAAA' },
      [{ id: 'par_BBBBBBBBBBBBBBBB', name: 'Col', online: false }],
    );
    expect(lines.map((l) => signerLineWords(t, l))).toEqual(['Vous (Customer) : pas encore signé', 'Col (Cosigner) : hors ligne, signé', 'Votre conseiller (Agent) : pas encore signé']);
    expect(signedCountText(t, lines)).toBe('1 sur 3 ont signé');
  });
});
