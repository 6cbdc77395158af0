// The document page in the customer's room (room-document-page.tsx): the
// entry that puts its parts together (client/room/document/*). The Assign
// step first when roles are left to this customer, then consent, the pages
// with their fields, the one primary button, and the live updates.
import { assignStep } from './room/assign-step';
import { localizeTimes, t } from './room/i18n';
import { wireLanguageMenu } from './room/language-menu';
import { $, api, load, page } from './room/document/context';
import { actions, drawActions, nextField } from './room/document/actions';
import { approval } from './room/document/approval';
import { consent, showConsent } from './room/document/consent';
import { fieldDialog, openField } from './room/document/field-dialog';
import { live } from './room/document/live';
import { openPdf, refreshOverlays, renderPages } from './room/document/pages';

page.redraw = () => {
  refreshOverlays();
  showConsent();
  drawActions();
};

// Before anything else: pdf.js and the file download while the document's state and the consent load.
const pdf = openPdf();
pdf.catch(() => {}); // reported where the pages are drawn

void (async () => {
  localizeTimes();
  wireLanguageMenu();
  if (!(await load())) {
    $('#doc-error').textContent = t('document.load_failed');
    return;
  }
  page.assigning = await assignStep(page.view.item.id, api, page.mayAct);
  await consent(nextField);
  fieldDialog(nextField);
  actions();
  approval();
  page.redraw();
  try {
    await renderPages(pdf, openField);
  } catch {
    $('#pages').replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: t('document.pages_failed') }));
  }
  live();
})();
