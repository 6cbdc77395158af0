// Building the room's elements in its scripts: one helper for the room page,
// the Assign step and My contacts.

/** A new element with attributes and its children (strings become text). */
export function el(tag: string, attrs: Record<string, string> = {}, ...kids: (string | Node)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...kids);
  return e;
}
