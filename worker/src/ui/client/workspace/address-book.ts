// The address book page (/app/customers): "Take over" moves another agent's
// customer, and their latest session, to the signed-in agent
// (POST /api/v1/customers/{id}/takeover). The card then says so, with the
// link to the session; a refusal (outside the search space, gone) is said
// in words on the page's alert line.
import { $, api, sentence } from './common';

interface Customer {
  id: string;
  name: string;
  lastSessionId: string | null;
}

export function addressBookPage(): void {
  const notice = $('book-notice');
  const error = $('book-error');

  document.addEventListener('click', (e) => {
    const button = (e.target as Element | null)?.closest<HTMLButtonElement>('button[data-takeover]');
    if (button) void takeOver(button);
  });

  async function takeOver(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    const { takeover: id, name = 'this customer', owner = 'their agent' } = button.dataset;
    if (!confirm(`Take over ${name} from ${owner}? Their latest session moves to you as well.`)) return;
    if (notice) notice.textContent = '';
    if (error) error.textContent = '';
    // Busy, not disabled: a disabled button would drop the keyboard focus.
    button.setAttribute('aria-busy', 'true');
    const r = await api<Customer>('POST', `/customers/${id}/takeover`);
    button.removeAttribute('aria-busy');
    if (!r.ok) {
      if (error) error.textContent = `${name} could not be taken over: ${sentence(r.error.message)}`;
      button.focus();
      return;
    }
    const owner_ = $(`customer-${id}-owner`);
    if (owner_) owner_.textContent = 'You';
    const said = document.createElement('p');
    said.id = `customer-${id}-taken`;
    said.tabIndex = -1;
    said.append(`${r.data.name} is now yours. `);
    if (r.data.lastSessionId) {
      const link = document.createElement('a');
      link.href = `/app/sessions/${r.data.lastSessionId}`;
      link.textContent = 'Open their latest session';
      said.append(link);
    }
    button.closest('.ws-toolbar')?.replaceWith(said);
    if (notice) notice.textContent = `${r.data.name} is now yours${r.data.lastSessionId ? ', with their latest session' : ''}.`;
    said.focus();
  }
}
