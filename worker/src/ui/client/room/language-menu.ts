// The language menu (ui/language-menu.tsx) with a script: picking a language
// sends the menu's form at once, so the Change button is not needed and goes.
// The form posts to /room/language, which stores the choice and brings the
// browser back to the same page, now drawn in the new language (every text
// of a page, the server's and the script's, comes with the page).
export function wireLanguageMenu(root: ParentNode = document): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form.language-menu')) {
    const select = form.querySelector<HTMLSelectElement>('select[name="language"]');
    if (!select) continue;
    const chosen = select.value;
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.hidden = true;
    select.addEventListener('change', () => {
      if (select.value === chosen) return;
      form.requestSubmit();
    });
  }
}
