// A moment as the card and the settings page write it: "2 Dec, 09:41 UTC".
// Parley answers in UTC and a card has no reliable clock of the agent's own,
// so the time says its zone rather than guessing one.
export function shortTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const month = d.toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${month}, ${hh}:${mm} UTC`;
}
