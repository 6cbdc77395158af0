// The Connection tab on its own: both directions between Salesforce and
// Parley as checkConnection reports them (recorded answers in data/), what
// an admin is told to do when one is missing, and the write-back resync.
import ParleySetupConnection from 'c/parleySetupConnection';
import checkConnection from '@salesforce/apex/ParleySetupController.checkConnection';
import resyncWriteback from '@salesforce/apex/ParleySetupController.resyncWriteback';
import { fixtures, flushPromises, mount, unmountAll } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

jest.mock('@salesforce/apex/ParleySetupController.checkConnection', () => ({ default: jest.fn() }), { virtual: true });
jest.mock('@salesforce/apex/ParleySetupController.resyncWriteback', () => ({ default: jest.fn() }), { virtual: true });

async function mountChecked() {
    const element = mount('c-parley-setup-connection', ParleySetupConnection);
    await flushPromises();
    return element;
}

function part(element, id) {
    return element.shadowRoot.querySelector(`[data-id="${id}"]`);
}

describe('c-parley-setup-connection', () => {
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it('shows both directions working: the Worker org, who Parley thinks you are, and the write-back sign-in', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionOk'));
        const element = await mountChecked();

        expect(part(element, 'summary').textContent).toContain('Connected: Salesforce reaches Parley and Parley writes back to Salesforce.');
        expect(part(element, 'worker-org').textContent).toBe('Acme Bank (org_01HZX2Y6T1N0B8C4D5E6F7G8H9)');
        expect(part(element, 'worker-agent').textContent).toBe('Dana Admin (dana@acme.example), an admin');
        expect(part(element, 'writeback').textContent).toContain('https://acme.my.salesforce.com');
        expect(part(element, 'writeback').textContent).toContain('parley-integration@acme.example');
        expect(part(element, 'writeback').textContent).toContain('64.0');
        expect(part(element, 'last-sync').querySelector('lightning-formatted-date-time').value).toBe('2025-06-03T14:02:11.000Z');
        expect(part(element, 'no-failures').textContent).toBe('No write-back failures.');
        expect(part(element, 'connect-help')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('explains how to connect when Salesforce cannot reach Parley', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionCalloutFailed'));
        const element = await mountChecked();

        expect(part(element, 'summary').textContent).toContain('Not connected: Salesforce cannot reach Parley.');
        expect(part(element, 'callout-error').textContent).toContain(
            'Salesforce could not call Parley: Unable to tunnel through proxy. The Parley named credential still points at https://parley.example.com.'
        );
        expect(part(element, 'writeback')).toBeNull();
        expect(part(element, 'connect-command').textContent).toMatch(/^sf parley org connect --target-org <org alias> --worker-url /);
        await expect(element).toBeAccessible();
    });

    it('explains how to connect when Parley has no write-back sign-in for the org', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionNoWriteback'));
        const element = await mountChecked();

        expect(part(element, 'summary').textContent).toContain('Half connected');
        expect(part(element, 'worker-org').textContent).toBe('Acme Bank (org_01HZX2Y6T1N0B8C4D5E6F7G8H9)');
        expect(part(element, 'writeback-missing').textContent).toContain('Parley has no sign-in for this org');
        expect(part(element, 'connect-help')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says why the write-back sign-in failed', async () => {
        const result = fixture('checkConnectionOk');
        result.writeback.check = { ok: false, error: 'invalid_grant: user hasn\'t approved this consumer' };
        checkConnection.mockResolvedValue(result);
        const element = await mountChecked();

        expect(part(element, 'summary').textContent).toContain('Parley could not sign in to Salesforce for the write-back');
        expect(part(element, 'writeback-error').textContent).toContain("invalid_grant: user hasn't approved this consumer");
        expect(part(element, 'connect-help')).not.toBeNull();
    });

    it('lists recent write-back failures, newest first', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionFailures'));
        const element = await mountChecked();

        expect(part(element, 'summary').textContent).toContain('Connected, with recent write-back failures.');
        expect(part(element, 'failure-count').textContent).toBe('2 recent write-back failures');
        const rows = [...part(element, 'failures').querySelectorAll('tbody tr')];
        expect(rows).toHaveLength(2);
        const cells = [...rows[0].querySelectorAll('td')].map((td) => td.textContent);
        expect(cells.slice(1)).toEqual([
            'ses_01HZX5A9C2D3E4F5G6H7J8K9M0',
            'Parley_Item__c itm_01HZX5B1',
            'FIELD_CUSTOM_VALIDATION_EXCEPTION: Reason is required when the item is declined'
        ]);
        expect(rows[0].querySelector('lightning-formatted-date-time').value).toBe('2025-06-03T13:58:40.000Z');
        expect(part(element, 'connect-help')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('checks again on request', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionCalloutFailed'));
        const element = await mountChecked();
        checkConnection.mockResolvedValue(fixture('checkConnectionOk'));

        part(element, 'check').click();
        await flushPromises();
        expect(checkConnection).toHaveBeenCalledTimes(2);
        expect(part(element, 'summary').textContent).toContain('Connected: Salesforce reaches Parley');
    });

    it('writes all sessions again on request, and says how many', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionOk'));
        resyncWriteback.mockResolvedValue({ queued: 12, truncated: false });
        const element = await mountChecked();

        part(element, 'resync').click();
        await flushPromises();
        expect(resyncWriteback).toHaveBeenCalledTimes(1);
        expect(part(element, 'resync-message').textContent).toBe('12 sessions will be written to Salesforce again within minutes.');
        await expect(element).toBeAccessible();

        resyncWriteback.mockRejectedValue({ status: 500, body: { message: 'Salesforce is not connected: run `sf parley org connect` first' } });
        part(element, 'resync').click();
        await flushPromises();
        expect(part(element, 'resync-message')).toBeNull();
        expect(part(element, 'resync-error').textContent).toContain('The sessions could not be queued: Salesforce is not connected');
    });

    it('offers no resync while Parley has no write-back sign-in', async () => {
        checkConnection.mockResolvedValue(fixture('checkConnectionNoWriteback'));
        const element = await mountChecked();
        expect(part(element, 'resync')).toBeNull();
    });

    it('shows the error when the check itself is refused', async () => {
        checkConnection.mockRejectedValue({ status: 500, body: { message: 'Read timed out' } });
        const element = await mountChecked();
        expect(part(element, 'check-error').textContent).toContain('The connection could not be checked: Read timed out');
    });
});
