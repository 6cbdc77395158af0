// The agent workspace's script (/assets/workspace.js), one file for its
// pages: the body's data-page says which. Bundled by scripts/build-client.mjs.
import { addressBookPage } from './workspace/address-book';
import { localTimes } from './workspace/common';
import { documentPage } from './workspace/document';
import { listPage } from './workspace/list';
import { sessionPage } from './workspace/session';

const body = document.body;
const sessionId = body.dataset.session ?? '';
switch (body.dataset.page) {
  case 'list':
    listPage();
    break;
  case 'session':
    sessionPage(sessionId); // first: it notes the server's HTML before times turn local
    break;
  case 'document':
    documentPage(sessionId);
    break;
  case 'customers':
    addressBookPage();
    break;
}
localTimes();
