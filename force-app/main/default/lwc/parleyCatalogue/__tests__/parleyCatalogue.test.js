// The catalogue the components read their statuses, kinds and settings from
// is generated from the Worker's (scripts/emit-catalogue.mjs), and a Node test
// checks it is up to date. This checks what the components rely on in
// whatever was generated: every status and kind they may show has words for
// it, every setting can be drawn and range-checked, and no component can
// change the shared lists.
import * as catalogue from 'c/parleyCatalogue';
import {
    CLOSED_STATUSES,
    DOCUMENT_KINDS,
    DONE_STATUSES,
    DURATION_PARTS,
    ITEM_KINDS,
    ITEM_KIND_LABELS,
    ITEM_STATUSES,
    ITEM_STATUS_LABELS,
    PARTICIPANT_STATUSES,
    PARTICIPANT_STATUS_LABELS,
    PREPARING_STATUSES,
    SEARCH_SPACES,
    SEARCH_SPACE_LABELS,
    SESSION_STATUSES,
    SESSION_STATUS_LABELS,
    SETTING_GROUPS,
    SETTINGS,
    WAITING_STATUSES
} from 'c/parleyCatalogue';

// Each list of values beside the words for its values.
const LABELLED = [
    ['ITEM_STATUSES', ITEM_STATUSES, ITEM_STATUS_LABELS],
    ['ITEM_KINDS', ITEM_KINDS, ITEM_KIND_LABELS],
    ['PARTICIPANT_STATUSES', PARTICIPANT_STATUSES, PARTICIPANT_STATUS_LABELS],
    ['SESSION_STATUSES', SESSION_STATUSES, SESSION_STATUS_LABELS],
    ['SEARCH_SPACES', SEARCH_SPACES, SEARCH_SPACE_LABELS]
];

// Lists that pick some of a labelled list's values.
const SUBSETS = [
    ['CLOSED_STATUSES', CLOSED_STATUSES, ITEM_STATUSES],
    ['DONE_STATUSES', DONE_STATUSES, ITEM_STATUSES],
    ['PREPARING_STATUSES', PREPARING_STATUSES, ITEM_STATUSES],
    ['WAITING_STATUSES', WAITING_STATUSES, ITEM_STATUSES],
    ['DOCUMENT_KINDS', DOCUMENT_KINDS, ITEM_KINDS]
];

const KINDS = ['toggle', 'hours', 'space', 'url', 'duration'];

function isText(value) {
    return typeof value === 'string' && value.trim().length > 0;
}

describe('c/parleyCatalogue', () => {
    it.each(LABELLED)('%s: every value has a label, with no repeats', (name, list, labels) => {
        expect(list.length).toBeGreaterThan(0);
        expect(new Set(list).size).toBe(list.length);
        for (const value of list) {
            expect([value, isText(labels[value])]).toEqual([value, true]);
        }
    });

    it.each(LABELLED)('%s: labels nothing that is not in the list', (name, list, labels) => {
        expect(Object.keys(labels).sort()).toEqual([...list].sort());
    });

    it.each(SUBSETS)('%s: only values of its whole list, so each has a label', (name, subset, whole) => {
        expect(subset.length).toBeGreaterThan(0);
        for (const value of subset) expect([value, whole.includes(value)]).toEqual([value, true]);
    });

    it('puts every item status in exactly one of preparing, waiting, done or closed', () => {
        // The session panel draws an item as preparing, done or closed by these
        // lists, and as waiting for the customer otherwise.
        const grouped = [...PREPARING_STATUSES, ...WAITING_STATUSES, ...DONE_STATUSES, ...CLOSED_STATUSES];
        expect([...grouped].sort()).toEqual([...ITEM_STATUSES].sort());
    });

    it('gives every setting a group, a key, a kind the setup page can draw and a label', () => {
        const groups = SETTING_GROUPS.map((g) => g.name);
        expect(SETTINGS.length).toBeGreaterThan(0);
        for (const def of SETTINGS) {
            const where = def.key || JSON.stringify(def);
            expect([where, groups.includes(def.group)]).toEqual([where, true]);
            expect([where, isText(def.key)]).toEqual([where, true]);
            expect([where, KINDS.includes(def.kind)]).toEqual([where, true]);
            expect([where, isText(def.label)]).toEqual([where, true]);
            // Help is optional; when given, it is text.
            expect([where, !('help' in def) || isText(def.help)]).toEqual([where, true]);
        }
        const keys = SETTINGS.map((def) => def.key);
        expect(new Set(keys).size).toBe(keys.length);
    });

    it('gives every group a title and at least one setting', () => {
        for (const group of SETTING_GROUPS) {
            expect(isText(group.title)).toBe(true);
            expect(SETTINGS.some((def) => def.group === group.name)).toBe(true);
        }
    });

    it('gives numeric ranges where a setting has one, min no more than max', () => {
        for (const def of SETTINGS) {
            // Each end is optional; when given, it is a whole number, and min is no more than max.
            for (const end of ['min', 'max']) {
                expect([def.key, end, !(end in def) || Number.isInteger(def[end])]).toEqual([def.key, end, true]);
            }
            expect([def.key, !('min' in def && 'max' in def) || def.min <= def.max]).toEqual([def.key, true]);
        }
        // The range check needs both ends for a number of hours.
        for (const def of SETTINGS.filter((d) => d.kind === 'hours')) {
            expect([def.key, 'min' in def && 'max' in def]).toEqual([def.key, true]);
        }
    });

    it('gives each part of a duration a label and a positive whole maximum', () => {
        expect(DURATION_PARTS.map((p) => p.unit)).toEqual(['days', 'hours', 'minutes']);
        for (const part of DURATION_PARTS) {
            expect(isText(part.label)).toBe(true);
            expect(Number.isInteger(part.max) && part.max > 0).toBe(true);
        }
    });

    it('freezes every list and every table of labels', () => {
        const shared = Object.entries(catalogue).filter(([, value]) => value !== null && typeof value === 'object');
        expect(shared.map(([name]) => name)).toEqual(expect.arrayContaining(['SETTINGS', 'ITEM_STATUSES', 'ITEM_STATUS_LABELS']));
        for (const [name, value] of shared) {
            expect([name, Object.isFrozen(value)]).toEqual([name, true]);
        }
        expect(() => ITEM_STATUSES.push('lost')).toThrow(TypeError);
        expect(ITEM_STATUSES).not.toContain('lost');
    });
});
