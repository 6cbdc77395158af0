// The demo org of local development (`npm start`, the e2e tests, the bench):
// Demo Org, team Front desk, agent Alex Agent and admin Ada Admin. Made with
// the same createOrg/addTeam/addAgent as every other org, and found again by
// name on later starts, so its ids, secret and data are kept.
import { newId, randomBytes } from '../auth/crypto';
import type { SecretKeys } from '../auth/secret-box';
import { addAgent, findAgentByEmail } from './agents';
import { createOrg, findOrgByName } from './orgs';
import { addTeam, findTeamByName } from './teams';

export const DEMO = {
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

/** The demo org, made where absent. */
export async function ensureDemoOrg(env: SecretKeys & { DB: D1Database }, at: number): Promise<DemoOrg> {
  const db = env.DB;
  let org = await findOrgByName(db, DEMO.org);
  if (!org) {
    const secret = [...randomBytes(32)].map((b) => b.toString(16).padStart(2, '0')).join('');
    org = { id: newId('org') };
    await createOrg(env, { id: org.id, name: DEMO.org, secret, at });
  }
  const orgId = org.id;
  let team = await findTeamByName(db, orgId, DEMO.team);
  if (!team) {
    await addTeam(db, { id: newId('tem'), orgId, name: DEMO.team, at });
    team = (await findTeamByName(db, orgId, DEMO.team))!;
  }
  const person = async (p: (typeof DEMO)['agent' | 'admin'], teamId: string | null) => {
    const found = await findAgentByEmail(db, orgId, p.email);
    if (found) return found.id;
    const id = newId('agt');
    await addAgent(db, { id, orgId, teamId, email: p.email, name: p.name, role: p.role, at });
    return (await findAgentByEmail(db, orgId, p.email))!.id;
  };
  return { orgId, teamId: team.id, agentId: await person(DEMO.agent, team.id), adminId: await person(DEMO.admin, null) };
}
