// A document's signers in the customer's room, as server-rendered HTML: the
// list under an item card (the room page) and the signers section of the
// document page (room-document-page.tsx). The room's scripts redraw the same
// markup from the same lines (signer-status.ts, client/room/signer-list.ts)
// when something changes. The signing moment is a <time> in UTC with the
// zone named; the page's script rewrites it in the customer's own zone.
import { formatDateTime } from '../i18n/format';
import type { Translate } from '../i18n/translate';
import { signerLineWords, type SignerLine } from './signer-status';

/** One line per signer: a presence dot (only for someone who can be online), then the words. */
export function SignerList({ t, lines, label, id }: { t: Translate; lines: SignerLine[]; label: string; id?: string }) {
  return (
    <ul class="plain signers" aria-label={label} id={id}>
      {lines.map((l) => (
        <li data-role={l.role} data-done={l.done ? '1' : '0'}>
          {l.online === null ? null : <span class={l.online ? 'presence online' : 'presence'} aria-hidden="true" />}
          {l.done ? <span aria-hidden="true">✓ </span> : null}
          {signerLineWords(t, l)}
          {l.done && l.doneAt ? <> <time datetime={l.doneAt}>{formatDateTime(t.locale, l.doneAt, 'UTC')}</time></> : null}
        </li>
      ))}
    </ul>
  );
}
