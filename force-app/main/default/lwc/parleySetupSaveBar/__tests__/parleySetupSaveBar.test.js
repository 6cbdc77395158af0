// The foot of every setup form, mounted on its own: what it tells the admin
// for each state it is given (saved, unsaved, saving, problems, a refusal),
// when Save and Cancel can be pressed, the save and cancel events it sends
// up, and moving focus to the problems when a save is blocked.
import { createElement } from 'lwc';
import ParleySetupSaveBar from 'c/parleySetupSaveBar';
import { flushPromises, unmountAll } from 'parley-lwc-test';

const PROBLEMS = [
    'During a session: Access window after first open (hours): must be 1 to 2160 hours',
    'After the session ends: Full access (hours): must be 0 to 168 hours'
];

async function mountBar(props = {}) {
    const element = createElement('c-parley-setup-save-bar', { is: ParleySetupSaveBar });
    Object.assign(element, props);
    document.body.appendChild(element);
    await flushPromises();
    return element;
}

function part(element, id) {
    return element.shadowRoot.querySelector(`[data-id="${id}"]`);
}

function status(element) {
    return part(element, 'status').textContent;
}

describe('c-parley-setup-save-bar', () => {
    afterEach(() => {
        unmountAll();
    });

    it('says all is saved, and offers no Save or Cancel, when nothing changed', async () => {
        const element = await mountBar();

        expect(status(element)).toBe('All changes saved.');
        expect(part(element, 'status').getAttribute('aria-live')).toBe('polite');
        expect(part(element, 'save').disabled).toBe(true);
        expect(part(element, 'cancel').disabled).toBe(true);
        expect(part(element, 'problems')).toBeNull();
        // The alert region is always there (so a screen reader hears what appears in it), empty for now.
        expect(part(element, 'server-error').getAttribute('role')).toBe('alert');
        expect(part(element, 'server-error').textContent).toBe('');
        await expect(element).toBeAccessible();
    });

    it('says there are unsaved changes, and sends save and cancel when their buttons are pressed', async () => {
        const element = await mountBar({ dirty: true });
        const sent = [];
        element.addEventListener('save', (event) => sent.push(['save', event.detail]));
        element.addEventListener('cancel', (event) => sent.push(['cancel', event.detail]));

        expect(status(element)).toBe('You have unsaved changes.');
        expect(part(element, 'save').label).toBe('Save');
        expect(part(element, 'save').variant).toBe('brand');
        expect(part(element, 'save').disabled).toBe(false);
        expect(part(element, 'cancel').label).toBe('Cancel');
        expect(part(element, 'cancel').disabled).toBe(false);

        part(element, 'save').click();
        part(element, 'cancel').click();
        expect(sent).toEqual([
            ['save', null],
            ['cancel', null]
        ]);
        await expect(element).toBeAccessible();
    });

    it('says it is saving, with both buttons off, and back to saved when the owner says so', async () => {
        const element = await mountBar({ dirty: true, saving: true });
        expect(status(element)).toBe('Saving…');
        expect(part(element, 'save').disabled).toBe(true);
        expect(part(element, 'cancel').disabled).toBe(true);

        element.saving = false;
        element.dirty = false;
        await flushPromises();
        expect(status(element)).toBe('All changes saved.');
    });

    it('lists what to fix before saving, in the order given, and drops the list once there is nothing', async () => {
        const element = await mountBar({ dirty: true, problems: PROBLEMS });

        const box = part(element, 'problems');
        expect(box.querySelector('h3').textContent).toBe('Fix these before saving');
        expect([...box.querySelectorAll('li')].map((li) => li.textContent)).toEqual(PROBLEMS);
        // The box is named by its heading.
        expect(box.getAttribute('role')).toBe('group');
        expect(box.getAttribute('aria-labelledby')).toBe(box.querySelector('h3').id);
        await expect(element).toBeAccessible();

        element.problems = [];
        await flushPromises();
        expect(part(element, 'problems')).toBeNull();
    });

    it('shows no problem list for no problems given', async () => {
        const element = await mountBar({ dirty: true, problems: null });
        expect(part(element, 'problems')).toBeNull();
        expect(part(element, 'save').disabled).toBe(false);
    });

    it('moves focus to the problems when asked, so a blocked save says why', async () => {
        const element = await mountBar({ dirty: true, problems: PROBLEMS });
        element.focusProblems();
        expect(element.shadowRoot.activeElement).toBe(part(element, 'problems'));
    });

    it('leaves focus alone when asked to show problems there are none of', async () => {
        const element = await mountBar({ dirty: true });
        element.focusProblems();
        expect(element.shadowRoot.activeElement).toBeNull();
    });

    it("shows Parley's message when it refused the save", async () => {
        const element = await mountBar({ dirty: true, serverError: 'body.afterEnd.redirectUrl: must be an http(s) URL' });
        expect(part(element, 'server-error').textContent).toBe('Parley did not save the change: body.afterEnd.redirectUrl: must be an http(s) URL');
        await expect(element).toBeAccessible();

        element.serverError = undefined;
        await flushPromises();
        expect(part(element, 'server-error').textContent).toBe('');
    });
});
