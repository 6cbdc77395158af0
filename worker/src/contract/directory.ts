// Who is who in an org: the signed-in agent, teams, agents and their tokens,
// and the sign-in link a CRM panel opens the workspace with.
import { z } from '@hono/zod-openapi';
import { settingsSchema } from '../domain/settings';
import { isoTime } from './time';

const role = z.enum(['agent', 'admin']);

export const agentSchema = z
  .object({ id: z.string(), teamId: z.string().nullable(), email: z.string(), name: z.string(), role })
  .openapi('Agent');

export const meSchema = z
  .object({
    agent: agentSchema.extend({ orgId: z.string(), orgName: z.string() }),
    settings: settingsSchema.openapi({ description: 'the settings in force for this agent (their team over the org)' }),
  })
  .openapi('Me');

export const teamSchema = z.object({ id: z.string(), name: z.string() }).openapi('Team');
export const teamListSchema = z.object({ teams: z.array(teamSchema) }).openapi('TeamList');
export const agentListSchema = z
  .object({
    agents: z.array(
      agentSchema.extend({ active: z.boolean().optional().openapi({ description: 'false while an admin has deactivated the agent (none of their tokens works)' }) }),
    ),
  })
  .openapi('AgentList');

export const agentStatusSchema = z
  .object({
    id: z.string(),
    active: z.boolean(),
    deactivatedAt: isoTime.nullable().openapi({ description: 'when an admin deactivated the agent; null while active' }),
  })
  .openapi('AgentStatus');

export const tokenKeyRotationSchema = z
  .object({ rotatedAt: isoTime.openapi({ description: "from this moment every token signed with the org's previous key is refused" }) })
  .openapi('TokenKeyRotation');

export const tokenSchema = z.object({ token: z.string(), expiresAt: isoTime }).openapi('AgentToken');

export const signInLinkSchema = z
  .object({ url: z.string().openapi({ example: 'https://parley.example.net/app/sign-in?token=…' }), expiresAt: isoTime })
  .openapi('SignInLink');
