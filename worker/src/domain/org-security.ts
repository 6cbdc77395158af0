// An org's security settings: who may reach Parley from where, and what the
// CRM may vouch for. Pure: no I/O. Orgs store only what an admin changed.
import { z } from 'zod';

/** At most this many CRM origins per org (a Salesforce org has a handful of domains). */
export const MAX_CRM_ORIGINS = 20;

/** An origin as a browser sends it: https, a host, no path (http only for localhost, in development). */
const originSchema = z
  .string()
  .max(300)
  .refine((value) => {
    try {
      const url = new URL(value);
      const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
      return (url.protocol === 'https:' || (local && url.protocol === 'http:')) && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://acme.lightning.force.com (https, no path, no trailing slash)');

export const orgSecuritySchema = z
  .object({
    /** Origins, besides Parley's own, whose pages may open live sockets (the CRM's Lightning and Visualforce domains). */
    crmOrigins: z.array(originSchema).max(MAX_CRM_ORIGINS, `must list at most ${MAX_CRM_ORIGINS} origins`),
    /** Whether a CRM-asserted admin role (through the org key) makes a CRM user an admin in Parley. */
    crmMayPromoteAdmins: z.boolean(),
  })
  .strict();

export type OrgSecurity = z.infer<typeof orgSecuritySchema>;

export const DEFAULT_ORG_SECURITY: OrgSecurity = Object.freeze({ crmOrigins: [], crmMayPromoteAdmins: false }) as OrgSecurity;

/** What an admin sends: any subset. */
export const orgSecurityPatchSchema = orgSecuritySchema.partial().strict();

/** The stored overrides over the defaults; a stored value that no longer parses falls back to its default. */
export function resolveOrgSecurity(stored: unknown): OrgSecurity {
  const own = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const resolved: Record<string, unknown> = { ...DEFAULT_ORG_SECURITY };
  for (const [key, field] of Object.entries(orgSecuritySchema.shape)) {
    if (key in own && field.safeParse(own[key]).success) resolved[key] = own[key];
  }
  return resolved as OrgSecurity;
}

/**
 * The role a CRM-made agent holds, from the role the CRM asserts: admin only
 * when an admin of the org let the key make admins. Demotion needs no leave:
 * the CRM taking a right away is always safe.
 */
export function crmAgentRole(asserted: 'agent' | 'admin', security: OrgSecurity): 'agent' | 'admin' {
  return asserted === 'admin' && security.crmMayPromoteAdmins ? 'admin' : 'agent';
}
