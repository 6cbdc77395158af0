// The room model (ui/room-model.ts) that the server page and the live
// script both draw from: the agent's line, the next step, the progress and
// the people, so a live redraw says exactly what the page said.
import { describe, expect, it } from 'vitest';
import { translatorFor } from '../../../worker/src/i18n/catalogue';
import { initialsOf, roomModel } from '../../../worker/src/ui/room-model';

/** The fields the model reads; the rest of a participant's view is left out here. */
type Room = Parameters<typeof roomModel>[1];
const en = translatorFor('en');
const me = { id: 'par_cora', primary: true };
const base = {
  session: { id: 'ses_1', status: 'active' as const, endedAt: null, version: 3 },
  me,
  others: [],
  agent: { name: 'Alex Morgan', online: true },
  items: [],
};
const doc = (id: string, status: 'sent' | 'completed', done: boolean) => ({
  id,
  kind: 'template_document' as const,
  name: `Doc ${id}`,
  status,
  assignees: ['par_cora'],
  threadId: null,
  reason: null,
  signers: [{ role: 'Customer', participantId: 'par_cora', pending: false, done, doneAt: null, turn: !done }],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
});

describe('roomModel', () => {
  it('keeps "online" for a running session only; an ended one says so', () => {
    expect(roomModel(en, base as unknown as Room).agent).toEqual({ name: 'Alex Morgan', initials: 'AM', online: true, status: 'Online now' });
    const ended = roomModel(en, { ...base, session: { ...base.session, status: 'ended' } } as unknown as Room).agent;
    expect(ended.online).toBe(false);
    expect(ended.status).toBe('The session has ended');
  });

  it('asks for the first item waiting, and counts what is done', () => {
    const model = roomModel(en, { ...base, items: [doc('a', 'completed', true), doc('b', 'sent', false), doc('c', 'sent', false)] } as unknown as Room);
    expect(model.next).toMatchObject({ kind: 'action', action: 'sign', itemId: 'b', title: 'Review and sign: Doc b', href: '/room/documents/b' });
    expect(model.progress).toEqual({ done: 1, total: 3, text: '1 of 3 done' });
    expect(model.items.map((i) => [i.id, i.statusText, i.finished])).toEqual([
      ['a', 'Signed', true],
      ['b', 'Waiting for you', false],
      ['c', 'Waiting for you', false],
    ]);
  });

  it('offers a task to be marked done where it stands: no page, the button names the move', () => {
    const task = { ...doc('t', 'sent', false), kind: 'task' as const, name: 'Bring your ID', signers: undefined };
    const model = roomModel(en, { ...base, items: [task] } as unknown as Room);
    expect(model.next).toEqual({ kind: 'action', action: 'done', itemId: 't', title: 'To do: Bring your ID', button: 'Mark as done', href: null });
    const done = roomModel(en, { ...base, items: [{ ...task, status: 'completed' }] } as unknown as Room);
    expect(done.next).toMatchObject({ kind: 'none', title: 'All done' });
    expect(done.items[0]).toMatchObject({ statusText: 'Done', finished: true });
  });

  it('draws "Only you and your agent." alone, and the others with no such line', () => {
    expect(roomModel(en, base as unknown as Room)).toMatchObject({ people: [], alone: 'Only you and your agent.' });
    const colin = { id: 'par_colin', name: 'Colin', roleName: 'Co-signer', online: true, completed: true };
    expect(roomModel(en, { ...base, others: [colin] } as unknown as Room)).toMatchObject({ people: [{ id: 'par_colin', online: true, text: 'Colin (Co-signer) — online, done' }], alone: null });
  });

  it('speaks the reader\'s language and plural rules', () => {
    const he = roomModel(translatorFor('he'), { ...base, items: [doc('a', 'completed', true)] } as unknown as Room);
    expect(he.progress!.text).toBe('1 מתוך 1 הושלם');
    expect(he.next).toMatchObject({ kind: 'none', title: 'הכול הושלם' });
  });

  it('makes initials from the first and last names', () => {
    expect(initialsOf('Alex Morgan')).toBe('AM');
    expect(initialsOf('  zoë ')).toBe('Z');
    expect(initialsOf('Anne Marie de la Cruz')).toBe('AC');
    expect(initialsOf('')).toBe('?');
  });
});
