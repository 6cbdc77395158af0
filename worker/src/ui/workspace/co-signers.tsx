// A document's co-signers in the agent's workspace (issue 13): its own count
// in the bubble's title ("1/3", signers done out of signers, from the item's
// signers) and, under the bubble, a disclosure listing each signer: connected
// now, consent, authentication, completed. Rendered with the rest of the
// session's live parts, so an event (a role completes) or a presence frame
// (data-presence-for, kept current by client/workspace/session.ts) updates it.
import type { AgentRoomView } from '../../contract/session';
import { Time, humanStatus } from './layout';
import { Presence } from './presence';

type Item = AgentRoomView['items'][number];
type Signer = NonNullable<Item['signers']>[number];
type Participant = AgentRoomView['participants'][number];

/** "1/3" in the bubble's title, read by screen readers as "1/3 signed". */
export function SignerCount({ item, signers }: { item: Item; signers: Signer[] }) {
  const done = signers.filter((s) => s.done).length;
  return (
    <span class="ws-count" id={`item-${item.id}-count`} data-signed={`${done}/${signers.length}`}>
      {`${done}/${signers.length}`}
      <span class="ws-sr"> signed</span>
    </span>
  );
}

/**
 * The co-signers window: a details element (keyboard reachable through its
 * summary, which has an id so focus survives a live refresh) with one entry
 * per signer, in the document's role order.
 */
export function CoSigners({ item, signers, view }: { item: Item; signers: Signer[]; view: AgentRoomView }) {
  const done = signers.filter((s) => s.done).length;
  return (
    <details class="ws-cosigners" id={`item-${item.id}-cosigners`}>
      <summary id={`item-${item.id}-cosigners-toggle`}>
        Co-signers ({done}/{signers.length} signed)<span class="ws-sr"> of {item.name}</span>
      </summary>
      <ul class="plain">
        {signers.map((s, i) => (
          <CoSigner item={item} signer={s} index={i} person={s.participantId ? view.participants.find((p) => p.id === s.participantId) : undefined} />
        ))}
      </ul>
    </details>
  );
}

function CoSigner({ item, signer, index, person }: { item: Item; signer: Signer; index: number; person: Participant | undefined }) {
  const name = signer.pending ? 'Not assigned yet' : signer.participantId === null ? 'You (agent)' : (person?.name ?? 'A participant');
  return (
    <li class="ws-cosigner" id={`item-${item.id}-signer-${index}`} data-role={signer.role} data-done={signer.done ? '1' : '0'}>
      <p class="ws-person-name">
        <strong>{name}</strong> <span class="muted">({signer.role})</span>
      </p>
      <dl class="ws-facts">
        {person ? (
          <>
            <dt>Connected</dt>
            <dd>
              <Presence p={person} />
            </dd>
            <dt>Consent</dt>
            <dd>
              {person.consentedAt ? (
                <>
                  Given <Time at={person.consentedAt} />
                </>
              ) : (
                'Not yet'
              )}
            </dd>
            <dt>Authentication</dt>
            <dd>
              <Authentication p={person} />
            </dd>
          </>
        ) : signer.pending ? (
          <>
            <dt>Assigned</dt>
            <dd>Waiting for the customer to name who signs</dd>
          </>
        ) : null}
        <dt>Completed</dt>
        <dd>
          {signer.done ? (
            <>
              <span aria-hidden="true">✓ </span>Yes{signer.doneAt ? <>, <Time at={signer.doneAt} /></> : null}
            </>
          ) : (
            'Not yet'
          )}
        </dd>
      </dl>
    </li>
  );
}

/** The one-time code methods authStatus names (room/otp.ts), in words. */
const AUTH_METHODS: Record<string, string> = { otp_sms: 'One-time code by SMS', otp_email: 'One-time code by email' };

/** How the participant proved who they are, and when: a one-time code (the method authStatus names), or their invitation link on entry. */
function Authentication({ p }: { p: Participant }) {
  if (p.authStatus === 'none') {
    return p.enteredAt ? (
      <>
        Invitation link, <Time at={p.enteredAt} />
      </>
    ) : (
      <>Not yet</>
    );
  }
  return (
    <>
      {AUTH_METHODS[p.authStatus] ?? humanStatus(p.authStatus)}
      {p.authenticatedAt ? (
        <>
          , <Time at={p.authenticatedAt} />
        </>
      ) : null}
    </>
  );
}
