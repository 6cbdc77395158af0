// What the session reads from the directory (D1) and keeps for a while: the
// settings in force (its team's over the org's), the names its messages are
// signed with, and the e-sign disclosure. Admins' changes apply within
// SETTINGS_TTL_MS; an access check that must not lag asks for fresh ones.
import { now } from '../clock';
import { findNames } from '../directory/agents';
import { effectiveSettings, orgDisclosure } from '../directory/settings-store';
import { resolveSettings, type Settings } from '../domain/settings';
import type { Env } from '../env';
import type { RoomStore } from './store';

const SETTINGS_TTL_MS = 10_000;

export interface Names {
  orgName: string;
  agentName: string;
}

export class DirectoryCache {
  private readonly settingsByTeam = new Map<string, { at: number; value: Settings }>();
  /** Held in memory, read again after eviction or a reassignment. */
  private knownNames: Names | null = null;

  constructor(
    private readonly env: Env,
    private readonly store: RoomStore,
  ) {}

  /** The settings in force for this session. */
  settings(): Promise<Settings> {
    return this.settingsFor(this.store.session()!.team_id);
  }

  /** Settings for a team of this session's org; `fresh` skips the cache (a narrowed search space closes the door at once). */
  async settingsFor(teamId: string | null, opts: { fresh?: boolean } = {}): Promise<Settings> {
    const at = now();
    const key = teamId ?? '';
    const cached = this.settingsByTeam.get(key);
    if (cached && !opts.fresh && at - cached.at < SETTINGS_TTL_MS) return cached.value;
    const value = await effectiveSettings(this.env.DB, this.store.session()!.org_id, teamId);
    this.settingsByTeam.set(key, { at, value });
    return value;
  }

  /** The settings last read, without I/O (usable inside a change); defaults before the first read. */
  cachedSettings(): Settings {
    return this.settingsByTeam.get(this.store.session()!.team_id ?? '')?.value ?? resolveSettings({});
  }

  async names(): Promise<Names> {
    if (this.knownNames) return this.knownNames;
    const s = this.store.session()!;
    this.knownNames = (await findNames(this.env.DB, s.org_id, s.agent_id)) ?? { orgName: 'Parley', agentName: 'Your agent' };
    return this.knownNames;
  }

  /** Known already (the session was just created with them), or out of date (another agent took it over). */
  setNames(names: Names | null): void {
    this.knownNames = names;
  }

  /** The disclosure signers consent to: the org's text, or Parley's default. Read fresh: it is what the signer is shown. */
  async disclosureText(): Promise<string> {
    return (await orgDisclosure(this.env.DB, this.store.session()!.org_id)).text;
  }
}
