// @vitest-environment jsdom
// The language menu with its script (ui/client/room/language-menu.ts): the
// Change button goes (picking is enough), and picking another language sends
// the menu's form at once; picking the same one sends nothing.
import { describe, expect, it, vi } from 'vitest';
import { translatorFor } from '../../../worker/src/i18n/catalogue';
import { LanguageMenu } from '../../../worker/src/ui/language-menu';

// Loaded by a path TypeScript does not follow: the pages' code is typed by its own tsconfig (the browser's DOM).
const MENU_SCRIPT: string = '../../../worker/src/ui/client/room/language-menu';

interface El {
  value: string;
  hidden: boolean;
  innerHTML: string;
  querySelector(selector: string): El | null;
  dispatchEvent(event: Event): boolean;
  requestSubmit(): void;
}
const document = (globalThis as unknown as { document: { body: El } }).document;

async function menu(locale: 'en' | 'he') {
  document.body.innerHTML = String(await LanguageMenu({ t: translatorFor(locale), back: '/room/documents/itm_1' }).toString());
  const form = document.body.querySelector('form.language-menu')!;
  const submitted = vi.fn();
  form.requestSubmit = submitted;
  const { wireLanguageMenu } = (await import(MENU_SCRIPT)) as { wireLanguageMenu: () => void };
  wireLanguageMenu();
  return { form, select: form.querySelector('select')!, button: form.querySelector('button')!, submitted };
}

describe('the language menu, with its script', () => {
  it('hides Change and sends the form as soon as another language is picked', async () => {
    const { select, button, submitted } = await menu('he');
    expect(select.value).toBe('he');
    expect(button.hidden).toBe(true);
    select.value = 'de';
    select.dispatchEvent(new Event('change'));
    expect(submitted).toHaveBeenCalledTimes(1);
  });

  it('sends nothing when the language shown is picked again', async () => {
    const { select, submitted } = await menu('en');
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    expect(submitted).not.toHaveBeenCalled();
  });
});
