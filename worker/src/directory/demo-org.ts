// The demo org of local development (`npm start`, the e2e tests, the bench):
// Demo Org, team Front desk, agent Alex Agent and admin Ada Admin. Made with
// the same createOrg/addTeam/addAgent as every other org, and found again by
// name on later starts, so its ids, secret and data are kept.
import { newId, randomBytes, toHex } from '../auth/crypto';
import type { SecretKeys } from '../auth/secret-box';
import { addAgent, findAgentByEmail } from './agents';
import { createOrg, findOrgByName } from './orgs';
import { addTeam, findTeamByName } from './teams';

const DEMO = {
  org: 'Demo Org',
  team: 'Front desk',
  agent: { name: 'Alex Agent', email: 'alex.agent@demo-org.example', role: 'agent' },
  admin: { name: 'Ada Admin', email: 'ada.admin@demo-org.example', role: 'admin' },
} as const;

export interface DemoOrg {
  orgId: string;
  teamId: string;
  agentId: string;
  adminId: string;
}

/**
 * The id of what `find` finds, else of the row `add` makes under a new id.
 * Read again only when `add` made nothing: a seed running at the same time
 * made it first.
 */
async function findOrAdd(prefix: string, find: () => Promise<{ id: string } | null>, add: (id: string) => Promise<boolean>): Promise<string> {
  const found = await find();
  if (found) return found.id;
  const id = newId(prefix);
  return (await add(id)) ? id : (await find())!.id;
}

/** The demo org, made where absent; another name makes another org like it (the bench's many orgs). */
export async function ensureDemoOrg(env: SecretKeys & { DB: D1Database }, at: number, name: string = DEMO.org): Promise<DemoOrg> {
  const db = env.DB;
  const orgId = await findOrAdd(
    'org',
    () => findOrgByName(db, name),
    async (id) => {
      await createOrg(env, { id, name, secret: toHex(randomBytes(32)), at });
      return true;
    },
  );
  const teamId = await findOrAdd(
    'tem',
    () => findTeamByName(db, orgId, DEMO.team),
    (id) => addTeam(db, { id, orgId, name: DEMO.team, at }),
  );
  const person = (p: (typeof DEMO)['agent' | 'admin'], team: string | null) =>
    findOrAdd(
      'agt',
      () => findAgentByEmail(db, orgId, p.email),
      (id) => addAgent(db, { id, orgId, teamId: team, email: p.email, name: p.name, role: p.role, at }),
    );
  return { orgId, teamId, agentId: await person(DEMO.agent, teamId), adminId: await person(DEMO.admin, null) };
}
