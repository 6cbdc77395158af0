// An item placed inside another (a workflow's step): it waits as a draft
// when asked to, its view says its parent, place and whether it may be
// skipped, and a parent that does not exist is refused. Items on their own
// read exactly as before.
import { env } from 'cloudflare:workers';
import { runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { SessionRoom } from '../../../worker/src/room/session-room';
import type { DocumentRequests } from '../../../worker/src/room/document-requests';
import { call, makeOrg, startSession } from '../../helpers/world';

const stub = (sessionId: string) => env.SESSION_ROOM.get(env.SESSION_ROOM.idFromName(sessionId));
/** The room's document-request module: placement is for the workflow engine inside the room, not an RPC. */
const requestsOf = (room: SessionRoom) => (room as unknown as { documentRequests: DocumentRequests }).documentRequests;

describe('placing an item inside another', () => {
  it('keeps the step a draft until its turn, and says where it sits', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: `pl-${crypto.randomUUID()}@example.com` });
    const id = s.session.id as string;
    const parent = await call('POST', `/api/v1/sessions/${id}/items`, { token: org.alice.token, body: { kind: 'task', name: 'Open a bank account' } });
    expect(parent.json).not.toHaveProperty('parentId');
    const actor = { kind: 'agent' as const, orgId: org.id, agentId: org.alice.id, teamId: org.teamA, admin: false };
    const documents = [{ category: 'passport' as const }];
    await runInDurableObject(stub(id), async (room: SessionRoom) => {
      const step = await requestsOf(room).add(actor, { documents }, { parentId: parent.json.id, position: 2, optional: true, draft: true });
      if (!step.ok) throw new Error(step.message);
      expect(step.value.item).toMatchObject({ status: 'draft', parentId: parent.json.id, position: 2, optional: true });
      const orphan = await requestsOf(room).add(actor, { documents }, { parentId: 'itm_ZZZZZZZZZZZZZZZZ', position: 1, optional: false, draft: false });
      expect(orphan).toMatchObject({ ok: false, status: 404, message: 'parent item not found' });
    });
    const items = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.items;
    expect(items).toHaveLength(2);
  });
});
