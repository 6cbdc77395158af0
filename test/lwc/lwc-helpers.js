// What the LWC tests share, imported as 'parley-lwc-test' (mapped in
// jest.config.cjs): mounting a component, removing it again after each test,
// waiting for Apex promises, reaching into child components' shadow roots,
// firing the change events the lightning-* base components fire, and reading
// the recorded Apex answers kept beside each test in __tests__/data/.
import { createElement } from 'lwc';

const path = require('path');

export function mount(tag, Component, props = {}) {
    const element = createElement(tag, { is: Component });
    Object.assign(element, props);
    document.body.appendChild(element);
    return element;
}

export function unmountAll() {
    while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
}

/** Let resolved Apex promises and the re-render after them run. */
export async function flushPromises() {
    for (let i = 0; i < 3; i += 1) {
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
}

/** Every element matching selector in root's shadow tree and its children's, depth first. */
export function deepQueryAll(root, selector) {
    const found = [];
    const visit = (node) => {
        const scope = node.shadowRoot || node;
        for (const match of scope.querySelectorAll(selector)) found.push(match);
        for (const child of scope.querySelectorAll('*')) if (child.shadowRoot) visit(child);
    };
    visit(root);
    return found;
}

/** The setting control for key, e.g. lightning-input[data-key="accessWindowHours"], within one settings group. */
export function settingControl(fields, key, extra = '') {
    return fields.shadowRoot.querySelector(`[data-key="${key}"]${extra}`);
}

/** Fire a lightning-* change event the way the base components do. */
export function change(control, detail) {
    if ('value' in detail) control.value = detail.value;
    if ('checked' in detail) control.checked = detail.checked;
    control.dispatchEvent(new CustomEvent('change', { detail }));
}

/** The text a user sees in element's whole shadow tree. */
export function visibleText(root) {
    return deepQueryAll(root, 'p, li, h1, h2, h3, h4, dd, td, code, span')
        .map((n) => n.textContent)
        .join('\n');
}

/**
 * The recorded answers in dir/data/, for `const fixture = fixtures(__dirname)`;
 * fixture('getSettings') reads data/getSettings.json. Each call is a fresh
 * copy, so one test's edits never reach another's.
 */
export function fixtures(dir) {
    return (name) => JSON.parse(JSON.stringify(require(path.join(dir, 'data', `${name}.json`))));
}
