// A name (aria-label, aria-labelledby) on a <div> or <span> with no role is
// not allowed by ARIA: assistive technology ignores it, and axe reports it as
// serious whenever the element happens to be empty, which in the browser
// tests depends on how far the page's script has got. Checked on the served
// HTML, where the answer does not depend on timing.
import { expect } from 'vitest';

export function expectNoNamedGenericElements(html: string): void {
  const offenders = [...html.matchAll(/<(div|span)\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /\saria-label(ledby)?=/.test(tag) && !/\srole="/.test(tag));
  expect(offenders).toEqual([]);
}
