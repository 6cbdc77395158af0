// What the session reads from the directory (D1) and keeps: the settings in
// force (its team's over the org's), the names its messages are signed with,
// the org's brand, and the e-sign disclosure.
//
// The settings are kept until the settings API says they changed (the room's
// settingsChanged(), told to every open session of the org or team before the
// admin's change is answered), not for a while: the next action after a
// change follows it. A room evicted from memory starts with nothing and reads
// D1 again; a room created during a change reads D1 after it was saved.
import { findNames } from '../directory/agents';
import { effectiveSettings, orgDisclosure } from '../directory/settings-store';
import type { DisclosureSetting } from '../contract/settings';
import { resolveSettings, type Settings } from '../domain/settings';
import type { Env } from '../env';
import type { RoomStore } from './store';
import { plainBrand, type BrandView } from '../contract/branding';
import { orgBrand } from '../directory/branding-store';
import { brandView } from '../domain/branding';

export interface Names {
  orgName: string;
  agentName: string;
}

interface Kept {
  teamId: string | null;
  value: Settings;
  /** The invalidation count when the read began: a change since then makes it stale. */
  generation: number;
}

export class DirectoryCache {
  /** The settings in force for the session's team, as last read. */
  private kept: Kept | null = null;
  /** Counts invalidations, so that a read begun before one cannot be kept after it. */
  private generation = 0;
  /** Held in memory, read again after eviction or a reassignment. */
  private knownNames: Names | null = null;
  /** The brand as last read, and the invalidation count it was read under. */
  private knownBrand: { value: BrandView; generation: number } | null = null;

  constructor(
    private readonly env: Env,
    private readonly store: RoomStore,
  ) {}

  /** The settings in force for this session. */
  settings(): Promise<Settings> {
    return this.settingsFor(this.store.session()!.team_id);
  }

  /**
   * Settings for a team of this session's org. Only the session's own team's
   * are kept (the invalidation reaches a session through its own team); any
   * other team's, or `fresh`, are read from D1 each time.
   */
  async settingsFor(teamId: string | null, opts: { fresh?: boolean } = {}): Promise<Settings> {
    const own = teamId === this.store.session()!.team_id;
    const kept = this.kept;
    if (own && !opts.fresh && kept && kept.teamId === teamId && kept.generation === this.generation) return kept.value;
    const generation = this.generation;
    const value = await effectiveSettings(this.env.DB, this.store.session()!.org_id, teamId);
    // A change told while this read was in flight may not be in it: keep it only if none was.
    if (own && generation === this.generation) this.kept = { teamId, value, generation };
    return value;
  }

  /**
   * The admin changed settings that may apply here: the next action reads
   * them again. Read at once too, so what is used without I/O inside a change
   * (cachedSettings) is the new settings; if that read fails, the next action
   * reads them anyway.
   */
  async invalidateSettings(): Promise<void> {
    this.generation++;
    if (!this.store.session()) return;
    await this.settings().catch(() => undefined);
  }

  /** The settings last read, without I/O (usable inside a change); defaults before the first read. */
  cachedSettings(): Settings {
    return this.kept?.value ?? resolveSettings({});
  }

  async names(): Promise<Names> {
    if (this.knownNames) return this.knownNames;
    const s = this.store.session()!;
    this.knownNames = (await findNames(this.env.DB, s.org_id, s.agent_id)) ?? { orgName: 'Parley', agentName: 'Your agent' };
    return this.knownNames;
  }

  /**
   * The org's brand as its customers see it: read from D1 once and kept like
   * the names, dropped when the admin changes it (settingsChanged). A read
   * begun before a change is not kept after it.
   */
  async brand(): Promise<BrandView> {
    if (this.knownBrand && this.knownBrand.generation === this.generation) return this.knownBrand.value;
    const generation = this.generation;
    const orgId = this.store.session()!.org_id;
    const found = await orgBrand(this.env.DB, orgId);
    const value = found ? brandView(orgId, found.orgName, found.brand) : plainBrand((await this.names()).orgName);
    if (generation === this.generation) this.knownBrand = { value, generation };
    return value;
  }

  /** Known already (the session was just created with them), or out of date (another agent took it over). */
  setNames(names: Names | null): void {
    this.knownNames = names;
  }

  /** The disclosure signers consent to: the org's own text (custom), or Parley's default. Read fresh: it is what the signer is shown. */
  disclosure(): Promise<DisclosureSetting> {
    return orgDisclosure(this.env.DB, this.store.session()!.org_id);
  }
}
