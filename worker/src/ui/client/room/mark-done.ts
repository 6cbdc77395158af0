// A task has no page of its own: the customer marks it done from the room's
// next-step card. The button is redrawn with the card on every live
// refresh, so one listener on the document serves whichever is shown.
import { ROOM } from './chat';
import { errorText, networkErrorText } from './errors';

export function wireMarkDone(refresh: () => void): void {
  document.addEventListener('click', async (e) => {
    const button = (e.target as Element | null)?.closest<HTMLButtonElement>('button[data-mark-done]');
    if (!button || button.disabled) return;
    const error = document.getElementById('next-error');
    if (error) error.textContent = '';
    button.disabled = true;
    const res = await fetch(`/room/api/items/${encodeURIComponent(button.dataset['markDone']!)}/status`, {
      method: 'POST',
      headers: { ...ROOM, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ status: 'completed' }),
    }).catch(() => null);
    if (res?.ok) return refresh();
    button.disabled = false;
    if (error) error.textContent = res ? errorText(await res.json().catch(() => null), 'room.next.done_failed') : networkErrorText();
  });
}
