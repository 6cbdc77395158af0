// GET /app/customers: the address book. The agent searches the customers
// within their search space (by name, email or phone, as
// GET /api/v1/customers does, through the same directory query) and sees
// each one's contact, owning agent and latest session. Another agent's
// customer can be taken over (POST /api/v1/customers/{id}/takeover, from the
// workspace script, client/workspace/address-book.ts), which also moves
// their latest session; the answer (or the refusal) is said on the page,
// with the link to the session.
import type { AgentRecord } from '../../directory/agents';
import { searchCustomers, type BookEntry } from '../../directory/customers';
import { effectiveSettings } from '../../directory/settings-store';
import { searchScope, viewerOf, type Scope } from '../../domain/search-space';
import { unwrap } from '../../errors';
import { Time, WsLayout } from './layout';

const SCOPE_LABEL: Record<Scope, string> = { mine: 'your customers', team: "your team's customers", all: "the org's customers" };

/** The most a page shows: enough to find someone; a narrower search finds the rest. */
const PAGE_SIZE = 50;

export interface AddressBook {
  q: string;
  scope: Scope;
  entries: BookEntry[];
}

/** The customers this agent may see, matching q (all of them, newest contact first, when q is empty). */
export async function addressBook(db: D1Database, agent: AgentRecord, query: string | undefined): Promise<AddressBook> {
  const q = (query ?? '').trim().slice(0, 120);
  const space = (await effectiveSettings(db, agent.orgId, agent.teamId)).session.searchSpace;
  const { scope } = unwrap(searchScope(viewerOf(agent), space, undefined));
  return { q, scope, entries: await searchCustomers(db, agent, { scope, q: q || undefined, limit: PAGE_SIZE }) };
}

export function AddressBookPage({ agent, book }: { agent: AgentRecord; book: AddressBook }) {
  return (
    <WsLayout title="Address book" agent={agent} page="customers">
      <p class="ws-back">
        <a href="/app">← All sessions</a>
      </p>
      <h1 tabindex={-1}>Address book</h1>
      <section aria-labelledby="book-h" class="ws-panel">
        <h2 id="book-h">Search {SCOPE_LABEL[book.scope]}</h2>
        <form method="get" action="/app/customers" class="ws-search" role="search" aria-label="Search the address book">
          <div class="ws-field">
            <label for="book-q">Name, email or phone</label>
            <input id="book-q" name="q" type="search" value={book.q} maxlength={120} autocomplete="off" />
          </div>
          <button type="submit" class="ws-btn">
            Search
          </button>
        </form>
        <p id="book-notice" class="ws-notice-line" role="status" aria-live="polite" />
        <p id="book-error" class="ws-err ws-notice-line" role="alert" />
        <p class="muted" id="book-count">
          {book.entries.length === 0
            ? book.q
              ? `No customer matches “${book.q}”.`
              : 'No customers yet: they are added when a session starts.'
            : `${book.entries.length === PAGE_SIZE ? `The ${PAGE_SIZE} most recent` : book.entries.length} ${book.entries.length === 1 ? 'customer' : 'customers'}${book.q ? ` matching “${book.q}”` : ''}.`}
        </p>
        <ul id="book-results" class="plain">
          {book.entries.map((c) => (
            <Entry c={c} agent={agent} />
          ))}
        </ul>
      </section>
    </WsLayout>
  );
}

function Entry({ c, agent }: { c: BookEntry; agent: AgentRecord }) {
  const mine = c.owner_agent_id === agent.id;
  const nameId = `customer-${c.id}-name`;
  return (
    <li class="ws-person" id={`customer-${c.id}`} aria-labelledby={nameId}>
      <p class="ws-person-name">
        <strong id={nameId}>{c.name}</strong>
      </p>
      <dl class="ws-facts">
        <dt>Contact</dt>
        <dd>{[c.email, c.phone].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>Agent</dt>
        <dd id={`customer-${c.id}-owner`}>{mine ? 'You' : c.owner_name}</dd>
        <dt>Latest session</dt>
        <dd id={`customer-${c.id}-session`}>
          {c.last_session_id ? (
            <a href={`/app/sessions/${c.last_session_id}`}>
              Open<span class="ws-sr"> {c.name}'s latest session</span>
            </a>
          ) : (
            'None'
          )}{' '}
          <span class="muted">
            (last contact <Time at={new Date(c.last_contact_at).toISOString()} />)
          </span>
        </dd>
      </dl>
      {mine ? null : (
        <div class="ws-toolbar" role="group" aria-label={`Actions for ${c.name}`}>
          <button type="button" class="ws-tool ws-tool-main" id={`takeover-${c.id}`} data-takeover={c.id} data-name={c.name} data-owner={c.owner_name}>
            Take over<span class="ws-sr"> {c.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
