// /api/v1/customers — the address book and taking over another agent's customer.
import { createRoute, z } from '@hono/zod-openapi';
import { effectiveSettings } from '../directory/settings-store';
import { findIndexedSession } from '../directory/session-index';
import { Where } from '../directory/where';
import type { CustomerRow } from '../directory/customers';
import { ApiError, unwrap } from '../errors';
import { createApi, errorResponses, jsonResponse } from './openapi';
import { customerIdParam, limitSchema, scopeSchema } from './schemas';
import { agentActor, roomStub, viewerOf } from './session-access';
import { canSee, scopeWithin, widestScope } from '../domain/search-space';

export const customers = createApi();
const tags = ['Address book'];

type BookRow = CustomerRow & { owner_name: string; owner_team_id: string | null };

function view(r: BookRow) {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    owner: { id: r.owner_agent_id, name: r.owner_name },
    lastSessionId: r.last_session_id,
    lastContactAt: new Date(r.last_contact_at).toISOString(),
  };
}

const SELECT = `SELECT c.*, a.name AS owner_name, a.team_id AS owner_team_id FROM customers c JOIN agents a ON a.id = c.owner_agent_id`;

customers.openapi(
  createRoute({
    method: 'get',
    path: '/customers',
    tags,
    summary: 'Search the address book (name, email or phone), within the search space',
    request: { query: z.object({ q: z.string().trim().min(1).max(120).optional(), scope: scopeSchema.optional(), limit: limitSchema }) },
    responses: { 200: jsonResponse('Customers, most recently contacted first'), ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const { q, scope: asked, limit } = c.req.valid('query');
    const widest = widestScope(viewerOf(agent), (await effectiveSettings(c.env.DB, agent.orgId, agent.teamId)).session.searchSpace);
    const scope = asked ?? widest;
    if (!scopeWithin(scope, widest)) throw new ApiError(403, 'search_space', `scope: your search space is "${widest}", so "${scope}" is not allowed`);
    const where = new Where().and('c.org_id = ?', agent.orgId);
    if (scope === 'mine') where.and('c.owner_agent_id = ?', agent.id);
    if (scope === 'team') where.and('(c.owner_agent_id = ? OR a.team_id = ?)', agent.id, agent.teamId);
    // instr, not LIKE: D1 caps LIKE patterns at 50 bytes, and nothing needs escaping.
    if (q) where.and('(instr(lower(c.name), lower(?)) > 0 OR instr(c.email, lower(?)) > 0 OR instr(c.phone, ?) > 0)', q, q, q);
    const { results } = await c.env.DB.prepare(`${SELECT} ${where} ORDER BY c.last_contact_at DESC LIMIT ?`)
      .bind(...where.values, limit)
      .all<BookRow>();
    return c.json({ scope, customers: results.map(view) }, 200);
  },
);

customers.openapi(
  createRoute({
    method: 'post',
    path: '/customers/{customerId}/takeover',
    tags,
    summary: "Take over another agent's customer (and their latest session), where the search space allows",
    request: { params: z.object({ customerId: customerIdParam }) },
    responses: { 200: jsonResponse('The customer, now yours'), ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const customer = await c.env.DB.prepare(`${SELECT} WHERE c.id = ? AND c.org_id = ?`).bind(c.req.valid('param').customerId, agent.orgId).first<BookRow>();
    if (!customer) throw new ApiError(404, 'not_found', 'customer not found');
    if (customer.owner_agent_id === agent.id) return c.json(view(customer), 200);
    const space = (await effectiveSettings(c.env.DB, agent.orgId, agent.teamId)).session.searchSpace;
    if (!canSee(viewerOf(agent), space, { agentId: customer.owner_agent_id, teamId: customer.owner_team_id })) throw new ApiError(404, 'not_found', 'customer not found');

    if (customer.last_session_id && (await findIndexedSession(c.env.DB, agent.orgId, customer.last_session_id))) {
      unwrap(await roomStub(c, customer.last_session_id).reassign(agentActor(agent), agent.id, agent.teamId));
    }
    await c.env.DB.prepare('UPDATE customers SET owner_agent_id = ? WHERE id = ? AND org_id = ?').bind(agent.id, customer.id, agent.orgId).run();
    return c.json(view({ ...customer, owner_agent_id: agent.id, owner_name: agent.name }), 200);
  },
);
