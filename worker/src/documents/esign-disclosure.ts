// The consent to do business electronically shown before a first signature
// (ESIGN-style). An org's admin may replace it; this is the default.
import { z } from 'zod';

export const DEFAULT_ESIGN_DISCLOSURE = `Consent to do business electronically

Before you sign, please read this notice. By continuing, you agree to receive documents and to sign them electronically in this secure room instead of on paper.

Paper copies. You may ask for a paper copy of any document you sign here, at no charge, by contacting the agent who invited you. You can also download every completed document from this room.

Withdrawing your consent. You may withdraw this consent at any time, before or after signing, by telling your agent. Withdrawing does not undo signatures already given, and the rest of the process will then continue on paper.

Keeping your contact details up to date. We reach you by the email address or phone number your agent entered. If they change, tell your agent so that notices and copies reach you.

What you need. A device with a current web browser (Chrome, Safari, Edge or Firefox), an internet connection, the ability to open PDF files, and access to the email account or phone that received this invitation.

Your electronic signature has the same effect as your handwritten signature.`;

export const disclosureTextSchema = z.string().trim().min(200, 'must be at least 200 characters: say how to get paper copies, how to withdraw, how to update contact details, and what the signer needs').max(10_000);
