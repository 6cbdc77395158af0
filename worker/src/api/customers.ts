// /api/v1/customers — the address book and taking over another agent's customer.
import { createRoute, z } from '@hono/zod-openapi';
import { customerListSchema, customerSchema, type CustomerView } from '../contract/customers';
import { idSchema } from '../contract/ids';
import { findBookEntry, searchCustomers, setCustomerOwner, type BookEntry } from '../directory/customers';
import { findIndexedSession } from '../directory/session-index';
import { effectiveSettings } from '../directory/settings-store';
import { canSee, searchScope, viewerOf } from '../domain/search-space';
import { ApiError, unwrap } from '../errors';
import { createApi, errorResponses, json } from './openapi';
import { limitSchema, scopeSchema } from './schemas';
import { sessionRoom } from '../room/address';
import { agentActor } from './session-access';

export const customers = createApi();
const tags = ['Address book'];

function view(r: BookEntry): CustomerView {
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

customers.openapi(
  createRoute({
    method: 'get',
    path: '/customers',
    operationId: 'searchCustomers',
    tags,
    summary: 'Search the address book (name, email or phone), within the search space',
    request: { query: z.object({ q: z.string().trim().min(1).max(120).optional(), scope: scopeSchema.optional(), limit: limitSchema }) },
    responses: { 200: json(customerListSchema, 'Customers, most recently contacted first'), ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const { q, scope: asked, limit } = c.req.valid('query');
    const { scope } = unwrap(searchScope(viewerOf(agent), (await effectiveSettings(c.env.DB, agent.orgId, agent.teamId)).session.searchSpace, asked));
    return c.json({ scope, customers: (await searchCustomers(c.env.DB, agent, { scope, q, limit })).map(view) }, 200);
  },
);

customers.openapi(
  createRoute({
    method: 'post',
    path: '/customers/{customerId}/takeover',
    operationId: 'takeOverCustomer',
    tags,
    summary: "Take over another agent's customer (and their latest session), where the search space allows",
    request: { params: z.object({ customerId: idSchema('customer') }) },
    responses: { 200: json(customerSchema, 'The customer, now yours'), ...errorResponses },
  }),
  async (c) => {
    const agent = c.get('agent');
    const customer = await findBookEntry(c.env.DB, agent.orgId, c.req.valid('param').customerId);
    if (!customer) throw new ApiError(404, 'not_found', 'customer not found');
    if (customer.owner_agent_id === agent.id) return c.json(view(customer), 200);
    const space = (await effectiveSettings(c.env.DB, agent.orgId, agent.teamId)).session.searchSpace;
    if (!canSee(viewerOf(agent), space, { agentId: customer.owner_agent_id, teamId: customer.owner_team_id })) throw new ApiError(404, 'not_found', 'customer not found');

    if (customer.last_session_id && (await findIndexedSession(c.env.DB, agent.orgId, customer.last_session_id))) {
      unwrap(await sessionRoom(c.env, customer.last_session_id).reassign(agentActor(agent), agent.id, agent.teamId));
    }
    await setCustomerOwner(c.env.DB, agent.orgId, customer.id, agent.id);
    return c.json(view({ ...customer, owner_agent_id: agent.id, owner_name: agent.name }), 200);
  },
);
