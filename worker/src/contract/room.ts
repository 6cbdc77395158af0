// What only the customer's room and the public verification answer: the
// e-sign disclosure and consent, and whether a PDF is one Parley sealed.
import { z } from '@hono/zod-openapi';
import { LOCALES } from '../i18n/locales';
import { isoTime, isoTimeOrNull } from './time';

export const disclosureSchema = z
  .object({
    text: z.string(),
    sha256: z.string(),
    language: z.enum(LOCALES).nullable().openapi({ description: "the language of Parley's default disclosure shown (the participant's); null: the org's own text, shown as its admin wrote it" }),
    consentedAt: isoTimeOrNull,
  })
  .openapi('Disclosure', { description: 'the text to read before consenting to do business electronically, its SHA-256, and when you consented' });

export const consentSchema = z.object({ consentedAt: isoTime }).openapi('Consent');

export const verificationSchema = z
  .union([
    z.object({ sealedByParley: z.literal(true), sha256: z.string(), name: z.string(), sealedAt: isoTime, message: z.string() }),
    z.object({ sealedByParley: z.literal(false), sha256: z.string(), message: z.string() }),
  ])
  .openapi('Verification');
