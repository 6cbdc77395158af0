// Users without the Parley_Admin custom permission see what they need before
// any callout is made: the page checks the permission itself.
import ParleySetup from 'c/parleySetup';
import getSettings from '@salesforce/apex/ParleySetupController.getSettings';
import checkConnection from '@salesforce/apex/ParleySetupController.checkConnection';
import getMessagingProviders from '@salesforce/apex/ParleySetupController.getMessagingProviders';
import { flushPromises, mount, unmountAll } from 'parley-lwc-test';

jest.mock('@salesforce/customPermission/Parley_Admin', () => ({ default: undefined }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.getSettings', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.checkConnection', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.getMessagingProviders', () => ({ default: jest.fn() }), { virtual: true });

describe('c-parley-setup without the Parley_Admin custom permission', () => {
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it('shows the permission set to ask for and calls nothing', async () => {
        const element = mount('c-parley-setup', ParleySetup);
        await flushPromises();

        expect(element.shadowRoot.querySelector('[data-id="not-admin"]').textContent).toContain(
            'You need the Parley Admin permission set'
        );
        expect(element.shadowRoot.querySelector('lightning-tabset')).toBeNull();
        expect(getSettings).not.toHaveBeenCalled();
        expect(checkConnection).not.toHaveBeenCalled();
        expect(getMessagingProviders).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
