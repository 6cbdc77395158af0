// The four texts of one message, mounted on their own: the controls and
// character counts an admin sees for the texts and limits passed in, the
// textchange event {type, field, value} each edit sends up, "Use Parley's
// wording", and the messages put on the texts. Texts, Parley's defaults and
// limits are the recorded answer of getNotificationSettings.
import { createElement } from 'lwc';
import ParleySetupMessageTexts from 'c/parleySetupMessageTexts';
import LightningInput from 'lightning/input';
import LightningTextarea from 'lightning/textarea';
import { change, fixtures, flushPromises, unmountAll } from 'parley-lwc-test';

const fixture = fixtures(__dirname);

// The stubs' setCustomValidity and reportValidity do nothing; these record
// the calls. Put in place before anything is on the page, and not with
// jest.spyOn: LWC makes the methods read-only once it uses them, so jest
// could not put the originals back after the file.
const setCustomValidity = jest.fn();
const reportValidity = jest.fn();
for (const Stub of [LightningInput, LightningTextarea]) {
    for (const [name, fn] of Object.entries({ setCustomValidity, reportValidity })) {
        Object.defineProperty(Stub.prototype, name, { value: fn, configurable: true, writable: true });
    }
}

const FIELDS = ['smsLong', 'smsShort', 'emailSubject', 'emailHtml'];

/** The props parleySetupNotifications passes for one message type. */
function propsFor(type, heading) {
    const { settings, defaults, limits } = fixture('getNotificationSettings');
    return { type, heading, texts: settings.messages[type], defaults: defaults.messages[type], limits };
}

async function mountTexts(props) {
    const element = createElement('c-parley-setup-message-texts', { is: ParleySetupMessageTexts });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function text(element, field) {
    return element.shadowRoot.querySelector(`[data-field="${field}"]`);
}

function count(element, field) {
    return element.shadowRoot.querySelector(`[data-count="${field}"]`);
}

function resetButton(element) {
    return element.shadowRoot.querySelector('[data-id="reset"]');
}

function recordChanges(element) {
    const sent = [];
    element.addEventListener('textchange', (event) => sent.push(event.detail));
    return sent;
}

/** [field, message] for every setCustomValidity call, in order. */
function customValidityCalls() {
    return setCustomValidity.mock.calls.map((args, i) => [setCustomValidity.mock.contexts[i].template.host.dataset.field, args[0]]);
}

describe('c-parley-setup-message-texts', () => {
    afterEach(() => {
        unmountAll();
        jest.clearAllMocks();
    });

    it('shows the heading and the four texts, each with its label, limit and count', async () => {
        const props = propsFor('invitation', 'Invitation (primary participant)');
        const element = await mountTexts(props);

        expect(element.shadowRoot.querySelector('h3').textContent).toBe('Invitation (primary participant)');
        const controls = [...element.shadowRoot.querySelectorAll('[data-field]')];
        expect(controls.map((c) => [c.dataset.field, c.tagName.toLowerCase(), c.label, c.maxLength])).toEqual([
            ['smsLong', 'lightning-textarea', 'SMS text with the long link', 70],
            ['smsShort', 'lightning-textarea', 'SMS text with the short link', 130],
            ['emailSubject', 'lightning-input', 'Email subject', 200],
            ['emailHtml', 'lightning-textarea', 'Email body (HTML)', 20000]
        ]);
        for (const field of FIELDS) {
            expect(text(element, field).value).toBe(props.texts[field]);
            expect(text(element, field).disabled).toBe(false);
        }
        expect(count(element, 'smsLong').textContent).toBe(`${props.texts.smsLong.length} of 70 characters`);
        expect(count(element, 'emailSubject').textContent).toBe(`${props.texts.emailSubject.length} of 200 characters`);
        // The section is named by its heading.
        const section = element.shadowRoot.querySelector('section');
        expect(section.getAttribute('aria-labelledby')).toBe(element.shadowRoot.querySelector('h3').id);
        await expect(element).toBeAccessible();
    });

    it("counts against the limits the Worker sent, falling back to Parley's own for any it left out", async () => {
        const element = await mountTexts({ ...propsFor('reminder', 'Reminder (incomplete session)'), limits: { smsLong: 50 } });
        expect(text(element, 'smsLong').maxLength).toBe(50);
        expect(count(element, 'smsLong').textContent).toMatch(/ of 50 characters$/);
        expect(text(element, 'smsShort').maxLength).toBe(130);
        expect(count(element, 'emailHtml').textContent).toMatch(/ of 20000 characters$/);
    });

    it('shows a count over the limit as an error', async () => {
        const props = propsFor('newActivity', 'New activity');
        const element = await mountTexts({ ...props, texts: { ...props.texts, smsLong: 'x'.repeat(71) } });
        expect(count(element, 'smsLong').textContent).toBe('71 of 70 characters');
        expect(count(element, 'smsLong').classList).toContain('slds-text-color_error');
        expect(count(element, 'smsShort').classList).not.toContain('slds-text-color_error');
        expect(count(element, 'smsShort').classList).toContain('slds-text-color_weak');
    });

    it('sends each edit up as textchange {type, field, value}', async () => {
        const element = await mountTexts(propsFor('reminder', 'Reminder (incomplete session)'));
        const sent = recordChanges(element);

        change(text(element, 'emailSubject'), { value: 'Still waiting for you at {orgName}' });
        change(text(element, 'smsShort'), { value: '' });
        change(text(element, 'emailHtml'), { value: null });

        expect(sent).toEqual([
            { type: 'reminder', field: 'emailSubject', value: 'Still waiting for you at {orgName}' },
            { type: 'reminder', field: 'smsShort', value: '' },
            // A cleared box goes up as empty text, never null.
            { type: 'reminder', field: 'emailHtml', value: '' }
        ]);
    });

    it("puts back Parley's wording for the texts that differ from it, and only those", async () => {
        // In the recording, only the reminder's long-link SMS differs from Parley's wording.
        const props = propsFor('reminder', 'Reminder (incomplete session)');
        const element = await mountTexts({ ...props, texts: { ...props.texts, emailSubject: 'Changed' } });
        const sent = recordChanges(element);

        expect(resetButton(element).label).toBe("Use Parley's wording");
        expect(resetButton(element).disabled).toBe(false);
        resetButton(element).click();

        expect(sent).toEqual([
            { type: 'reminder', field: 'smsLong', value: props.defaults.smsLong },
            { type: 'reminder', field: 'emailSubject', value: props.defaults.emailSubject }
        ]);
    });

    it("offers no reset when the texts already are Parley's wording", async () => {
        const element = await mountTexts(propsFor('invitation', 'Invitation (primary participant)'));
        expect(resetButton(element).disabled).toBe(true);

        element.texts = { ...element.texts, smsShort: 'Hi {customerName}, open your room:' };
        await flushPromises();
        expect(resetButton(element).disabled).toBe(false);
    });

    it('disables the texts and the reset while disabled (as while saving)', async () => {
        const element = await mountTexts({ ...propsFor('reminder', 'Reminder (incomplete session)'), disabled: true });
        for (const field of FIELDS) expect(text(element, field).disabled).toBe(true);
        expect(resetButton(element).disabled).toBe(true);
    });

    it('shows empty texts with a zero count before the texts arrive', async () => {
        const element = await mountTexts({ type: 'invitation', heading: 'Invitation (primary participant)' });
        for (const field of FIELDS) expect(text(element, field).value).toBe('');
        expect(count(element, 'smsShort').textContent).toBe('0 of 130 characters');
        expect(resetButton(element).disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('puts each problem on its text with setCustomValidity, and clears it once fixed', async () => {
        const props = propsFor('invitation', 'Invitation (primary participant)');
        const tooLong = 'Invitation (primary participant), SMS text with the long link: must be at most 70 characters (the long link is added after it)';
        const noLink = 'Invitation (primary participant), Email body (HTML): must contain {link}, or the customer has no way into the room';
        const element = await mountTexts({
            ...props,
            texts: { ...props.texts, smsLong: 'x'.repeat(71), emailHtml: '<p>Hi</p>' },
            errors: { smsLong: tooLong, emailHtml: noLink }
        });

        expect(customValidityCalls()).toEqual([
            ['smsLong', tooLong],
            ['emailHtml', noLink]
        ]);
        expect(reportValidity).toHaveBeenCalledTimes(2);

        // The owner takes the edit that fixes the long SMS and passes the rest down.
        setCustomValidity.mockClear();
        element.texts = { ...element.texts, smsLong: 'Hi' };
        element.errors = { emailHtml: noLink };
        await flushPromises();
        expect(customValidityCalls()).toEqual([
            ['smsLong', ''],
            ['emailHtml', noLink]
        ]);
    });
});
