// Who calls the SessionRoom. The Worker establishes the caller (an agent by
// token or org key, a participant by room cookie) and passes it over RPC;
// the room decides what that caller may see and do.
import type { ActorKey } from '../contract/events';

export interface AgentActor {
  kind: 'agent';
  orgId: string;
  agentId: string;
  teamId: string | null;
  admin: boolean;
  /**
   * When the token this actor was made from expires (ms since epoch); absent
   * for a credential that does not (the org key). A socket opened by this
   * actor closes then.
   */
  expiresAt?: number;
}

export interface ParticipantActor {
  kind: 'participant';
  participantId: string;
  /** From the room cookie; proves which device opened the link. */
  deviceToken: string;
}

export type Actor = AgentActor | ParticipantActor;

/** How an actor is named in events and audit trails. */
export function actorKey(actor: Actor): ActorKey {
  return actor.kind === 'agent' ? `agent:${actor.agentId}` : `participant:${actor.participantId}`;
}

export const agentKey = (agentId: string): ActorKey => `agent:${agentId}`;
export const participantKey = (participantId: string): ActorKey => `participant:${participantId}`;
