// Org and team settings (SPEC §6): schema, defaults, ranges and resolution.
// Pure: no I/O. Orgs store only what an admin changed; teams store only overrides.
import { z } from 'zod';
import { DURATION_PARTS, MAX_ACCESS_WINDOW_HOURS, MAX_AFTER_END_HOURS, MAX_URL_LENGTH, SEARCH_SPACES } from './catalogue';

/** A whole number in a range, with a message that says the range in words. */
const within = (min: number, max: number, unit: string) =>
  z
    .number({ message: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be ${min} to ${max} ${unit}`)
    .max(max, `must be ${min} to ${max} ${unit}`);

const duration = z
  .object({
    days: within(0, DURATION_PARTS[0].max, 'days').default(0),
    hours: within(0, DURATION_PARTS[1].max, 'hours').default(0),
    minutes: within(0, DURATION_PARTS[2].max, 'minutes').default(0),
  })
  .strict()
  .refine((d) => d.days + d.hours + d.minutes > 0, {
    message: 'must be longer than zero (use null to switch auto-close off)',
  });

const httpsUrl = z
  .string()
  .url()
  .max(MAX_URL_LENGTH)
  .refine((u) => /^https?:\/\//i.test(u), { message: 'must be an http(s) URL' });

export const sessionSettingsSchema = z
  .object({
    customerAttachments: z.boolean(),
    customerChat: z.boolean(),
    accessWindowHours: within(1, MAX_ACCESS_WINDOW_HOURS, 'hours'),
    inactiveAutoClose: duration.nullable(),
    reusableSessions: z.boolean(),
    searchSpace: z.enum(SEARCH_SPACES),
    singleActiveSession: z.boolean(),
    singleDeviceAccess: z.boolean(),
    otpRequired: z.boolean(),
    agentMaySeeOtp: z.boolean(),
    smsEnabled: z.boolean(),
  })
  .strict();

export const afterEndSettingsSchema = z
  .object({
    attachmentsAllowed: z.boolean(),
    chatAllowed: z.boolean(),
    fullAccessHours: within(0, MAX_AFTER_END_HOURS, 'hours'),
    limitedAccessHours: within(0, MAX_AFTER_END_HOURS, 'hours'),
    preventAccess: z.boolean(),
    redirectUrl: httpsUrl.nullable(),
  })
  .strict();

export const settingsSchema = z
  .object({ session: sessionSettingsSchema, afterEnd: afterEndSettingsSchema })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;
export type SessionSettings = Settings['session'];
export type AfterEndSettings = Settings['afterEnd'];

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  session: Object.freeze({
    customerAttachments: true,
    customerChat: true,
    accessWindowHours: 168,
    inactiveAutoClose: null,
    reusableSessions: true,
    searchSpace: 'mine',
    singleActiveSession: false,
    singleDeviceAccess: false,
    otpRequired: false,
    agentMaySeeOtp: false,
    smsEnabled: true,
  }),
  afterEnd: Object.freeze({
    attachmentsAllowed: true,
    chatAllowed: true,
    fullAccessHours: 168,
    limitedAccessHours: 0,
    preventAccess: false,
    redirectUrl: null,
  }),
}) as Settings;

/** What an admin sends for the org: any subset of settings. */
export const orgSettingsPatchSchema = z
  .object({
    session: sessionSettingsSchema.partial().strict().optional(),
    afterEnd: afterEndSettingsSchema.partial().strict().optional(),
  })
  .strict();

const INHERIT = z.literal('inherit');
function inheritable<T extends z.ZodRawShape>(shape: z.ZodObject<T>) {
  const entries = Object.entries(shape.shape).map(([k, v]) => [
    k,
    z.union([INHERIT, v as z.ZodType]).optional(),
  ]);
  return z.object(Object.fromEntries(entries) as Record<string, z.ZodOptional<z.ZodType>>).strict();
}

/** What an admin sends for a team: values, or "inherit" to fall back to the org. */
export const teamSettingsPatchSchema = z
  .object({
    session: inheritable(sessionSettingsSchema).optional(),
    afterEnd: inheritable(afterEndSettingsSchema).optional(),
  })
  .strict();

export type SettingsPatch = {
  session?: Partial<Record<keyof SessionSettings, unknown>>;
  afterEnd?: Partial<Record<keyof AfterEndSettings, unknown>>;
};

/** Stored overrides: only keys with a value; "inherit" means absent. */
export type StoredOverrides = SettingsPatch;

/**
 * Apply a validated patch to stored overrides. "inherit" removes the key,
 * any other value sets it. Returns a new object.
 */
export function applyPatch(stored: StoredOverrides, patch: SettingsPatch): StoredOverrides {
  const next: StoredOverrides = {
    session: { ...(stored.session ?? {}) },
    afterEnd: { ...(stored.afterEnd ?? {}) },
  };
  for (const group of ['session', 'afterEnd'] as const) {
    for (const [key, value] of Object.entries(patch[group] ?? {})) {
      const target = next[group] as Record<string, unknown>;
      if (value === 'inherit') delete target[key];
      else target[key] = value;
    }
  }
  return next;
}

/**
 * Settings in force for a team: team overrides over org values over defaults.
 * Stored values that no longer validate (a schema tightened later) fall back
 * to the next level rather than breaking sessions.
 */
export function resolveSettings(org: StoredOverrides, team?: StoredOverrides | null): Settings {
  return {
    session: resolveGroup(sessionSettingsSchema, DEFAULT_SETTINGS.session, org.session, team?.session),
    afterEnd: resolveGroup(afterEndSettingsSchema, DEFAULT_SETTINGS.afterEnd, org.afterEnd, team?.afterEnd),
  };
}

function resolveGroup<S extends z.ZodObject<z.ZodRawShape>>(
  schema: S,
  defaults: z.infer<S>,
  ...layers: (Record<string, unknown> | undefined)[]
): z.infer<S> {
  const out: Record<string, unknown> = { ...defaults };
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) {
      const field = schema.shape[key] as z.ZodType | undefined;
      if (field && value !== 'inherit' && field.safeParse(value).success) out[key] = value;
    }
  }
  return out as z.infer<S>;
}

/** The team view for admins: each setting's own value or "inherit", and the effective value. */
export function describeTeamSettings(org: StoredOverrides, team: StoredOverrides) {
  const effective = resolveSettings(org, team);
  const own = {
    session: Object.fromEntries(
      Object.keys(DEFAULT_SETTINGS.session).map((k) => [k, team.session?.[k as keyof SessionSettings] ?? 'inherit']),
    ),
    afterEnd: Object.fromEntries(
      Object.keys(DEFAULT_SETTINGS.afterEnd).map((k) => [k, team.afterEnd?.[k as keyof AfterEndSettings] ?? 'inherit']),
    ),
  };
  return { overrides: own, effective };
}

export function durationToMs(d: { days: number; hours: number; minutes: number }): number {
  return ((d.days * 24 + d.hours) * 60 + d.minutes) * 60_000;
}
