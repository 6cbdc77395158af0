// A document's signers in the customer's room, as server-rendered HTML: the
// list under an item card (room-pages.tsx) and the signers section of the
// document page (room-document-page.tsx). The room's scripts redraw the same
// markup from the same lines (signer-status.ts) when something changes.
import { signerLineText, type SignerLine } from './signer-status';

/** One line per signer: a presence dot (only for someone who can be online), then the words. */
export function SignerList({ lines, label, id }: { lines: SignerLine[]; label: string; id?: string }) {
  return (
    <ul class="plain signers" aria-label={label} id={id}>
      {lines.map((l) => (
        <li data-role={l.role} data-done={l.done ? '1' : '0'}>
          {l.online === null ? null : <span class={l.online ? 'presence online' : 'presence'} aria-hidden="true" />}
          {l.done ? <span aria-hidden="true">✓ </span> : null}
          {signerLineText(l)}
        </li>
      ))}
    </ul>
  );
}
