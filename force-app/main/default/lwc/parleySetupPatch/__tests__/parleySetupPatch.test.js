// The patch the setup page saves: only the fields the admin changed, since
// an untouched value sent along would pin it and stop later defaults from
// the level above reaching it.
import { changedFields, isEmptyPatch } from 'c/parleySetupPatch';

describe('changedFields', () => {
    it('keeps only changed settings, and a duration whole', () => {
        const saved = { session: { customerChat: true, inactiveAutoClose: { days: 1, hours: 0, minutes: 0 } }, afterEnd: { chatAllowed: true } };
        const draft = { session: { customerChat: true, inactiveAutoClose: { days: 1, hours: 2, minutes: 0 } }, afterEnd: { chatAllowed: true } };
        expect(changedFields(saved, draft, 2)).toEqual({ session: { inactiveAutoClose: { days: 1, hours: 2, minutes: 0 } } });
        expect(isEmptyPatch(changedFields(saved, saved, 2))).toBe(true);
    });

    it('goes down to one text of one message, and sends lists whole', () => {
        const saved = { messages: { reminder: { smsLong: 'a', smsShort: 'b' } }, reminders: { weekdays: ['mon', 'tue'] } };
        const draft = { messages: { reminder: { smsLong: 'a', smsShort: 'c' } }, reminders: { weekdays: ['tue', 'mon'] } };
        expect(changedFields(saved, draft, 3)).toEqual({ messages: { reminder: { smsShort: 'c' } }, reminders: { weekdays: ['tue', 'mon'] } });
    });

    it('sends "inherit" and null as values', () => {
        expect(changedFields({ s: { a: 1, b: 'x' } }, { s: { a: 'inherit', b: null } }, 2)).toEqual({ s: { a: 'inherit', b: null } });
    });
});
