// The link that installs Parley's HubSpot app in a portal and brings the
// admin back to Parley with a code. `state` binds the install to the Parley
// org that asked for it, sealed (auth/secret-box.ts) and short-lived, so a
// code cannot be delivered to another org's connection.
import appMeta from '../app/src/app/app-hsmeta.json';
import { openSecret, sealSecret, SecretsKeyError, type SecretKeys } from '../../../worker/src/auth/secret-box';
import type { Env } from '../../../worker/src/env';

export const AUTHORIZE_URL = 'https://app.hubspot.com/oauth/authorize';
/** Where HubSpot sends the admin back: one of the app's redirectUrls, on this Parley. */
export const REDIRECT_PATH = '/hooks/hubspot/oauth';
const STATE_CONTEXT = 'hubspot.install_state';
const STATE_LIFETIME_MS = 60 * 60_000;

/** The scopes Parley's app asks for: the project's own list, so the link and the app never disagree. */
export const REQUIRED_SCOPES: readonly string[] = appMeta.config.auth.requiredScopes;

export const redirectUri = (env: Pick<Env, 'PUBLIC_URL'>) => new URL(REDIRECT_PATH, env.PUBLIC_URL).toString();

export interface InstallState {
  orgId: string;
  agentId: string;
  exp: number;
}

export async function installUrl(env: Env, orgId: string, agentId: string, now: number): Promise<string | null> {
  if (!env.HUBSPOT_CLIENT_ID) return null;
  const state: InstallState = { orgId, agentId, exp: now + STATE_LIFETIME_MS };
  const url = new URL(AUTHORIZE_URL);
  url.searchParams.set('client_id', env.HUBSPOT_CLIENT_ID);
  url.searchParams.set('redirect_uri', redirectUri(env));
  url.searchParams.set('scope', REQUIRED_SCOPES.join(' '));
  url.searchParams.set('state', await sealSecret(env, JSON.stringify(state), STATE_CONTEXT));
  return url.toString();
}

/** The org an install was started for; null when the state is not one Parley made, or is over an hour old. */
export async function openInstallState(env: SecretKeys, state: string, now: number): Promise<InstallState | null> {
  try {
    const s = JSON.parse(await openSecret(env, state, STATE_CONTEXT)) as InstallState;
    return typeof s.orgId === 'string' && typeof s.agentId === 'string' && s.exp > now ? s : null;
  } catch (err) {
    // The server's own key badly configured is an operator's problem, not a forged state.
    if (err instanceof SecretsKeyError && err.message.startsWith('SECRETS_KEY')) throw err;
    return null;
  }
}
