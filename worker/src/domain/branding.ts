// The org's branding (set by an admin; shown on the room, document pages,
// emails and the PDF certificate page): what may be set and how it is kept
// and shown (the colour maths: brand-colour.ts).
// Pure: no I/O. D1 keeps what an admin set (directory/branding-store.ts); an
// org that set nothing shows its own name in Parley's colours.
//
// The brand colour is where white text sits (buttons, the email header), so it
// must reach WCAG's 4.5:1 against white; a lighter colour is refused on save
// with the ratio found, not quietly darkened: the admin chooses the colour.
import { z } from 'zod';
import { emailSchema, phoneSchema } from './contact';
import type { BrandView } from '../contract/branding';
import { brandInk, brandSoft, colorContrastProblem, HEX_COLOR } from './brand-colour';

export { brandInk, brandSoft, colorContrastProblem, contrastRatio, formatRatio, MIN_CONTRAST, relativeLuminance } from './brand-colour';

export const DISPLAY_NAME_MAX = 80;

/** A brand colour as given: #RRGGBB, stored upper-case, dark enough for white text. */
export const brandColorSchema = z
  .string()
  .regex(HEX_COLOR, 'must be a colour as #RRGGBB, e.g. #0B5CAD')
  .transform((c) => c.toUpperCase())
  .superRefine((c, ctx) => {
    const problem = colorContrastProblem(c);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const displayNameSchema = z.string().trim().min(1, 'must not be empty (use null to show the org’s name)').max(DISPLAY_NAME_MAX, `must be at most ${DISPLAY_NAME_MAX} characters`);

/** What an admin sends: any subset; null clears a field. The logo has its own routes (an image is no JSON). */
export const brandPatchSchema = z
  .object({
    displayName: displayNameSchema.nullable().optional(),
    color: brandColorSchema.nullable().optional(),
    supportEmail: emailSchema.nullable().optional(),
    supportPhone: phoneSchema.nullable().optional(),
  })
  .strict();
export type BrandPatch = z.infer<typeof brandPatchSchema>;

/** The logo as stored: where its bytes are (R2), what they are, and a version for URLs. */
export interface StoredLogo {
  type: 'image/png' | 'image/jpeg';
  /** The start of the bytes' SHA-256: the URL's version and part of the R2 key. */
  hash: string;
  width: number;
  height: number;
}

/** What D1 keeps: only what the admin set. */
export interface StoredBrand {
  displayName?: string;
  color?: string;
  supportEmail?: string;
  supportPhone?: string;
  logo?: StoredLogo;
}

/** The patch applied: a value sets the field, null removes it, absent keeps it. Returns a new object. */
export function applyBrandPatch(stored: StoredBrand, patch: BrandPatch): StoredBrand {
  const next: StoredBrand = { ...stored };
  for (const key of ['displayName', 'color', 'supportEmail', 'supportPhone'] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  return next;
}

/**
 * What D1 holds, read back defensively: a field that no longer validates (a
 * rule tightened later) is dropped, so an old colour falls back to Parley's
 * rather than breaking pages.
 */
export function readStoredBrand(value: unknown): StoredBrand {
  if (!value || typeof value !== 'object') return {};
  const raw = value as Record<string, unknown>;
  const out: StoredBrand = {};
  const name = displayNameSchema.safeParse(raw.displayName);
  if (name.success) out.displayName = name.data;
  const color = brandColorSchema.safeParse(raw.color);
  if (color.success) out.color = color.data;
  if (typeof raw.supportEmail === 'string') out.supportEmail = raw.supportEmail;
  if (typeof raw.supportPhone === 'string') out.supportPhone = raw.supportPhone;
  const logo = raw.logo as Partial<StoredLogo> | undefined;
  if (logo && (logo.type === 'image/png' || logo.type === 'image/jpeg') && typeof logo.hash === 'string' && /^[0-9a-f]{8,64}$/.test(logo.hash) && typeof logo.width === 'number' && typeof logo.height === 'number') {
    out.logo = { type: logo.type, hash: logo.hash, width: logo.width, height: logo.height };
  }
  return out;
}

/** The stylesheet's version: changes exactly when the colours do. */
export function themeVersion(color: string): string {
  return color.slice(1).toLowerCase();
}

/**
 * The brand's stylesheet: the three custom properties customer pages read
 * (`var(--brand, …)`, `var(--brand-ink, …)`, `var(--brand-soft, …)`), nothing else.
 */
export function themeCss(color: string): string {
  return `:root{--brand:${color};--brand-ink:${brandInk(color)};--brand-soft:${brandSoft(color)}}\n`;
}

/** Where customers' pages and emails fetch the logo and theme: versioned, so they may be cached for good. */
export const logoPath = (orgId: string, logo: StoredLogo) => `/brand/${orgId}/logo?v=${logo.hash}`;
export const themePath = (orgId: string, color: string) => `/brand/${orgId}/theme.css?v=${themeVersion(color)}`;

/** The brand customers see: the admin's display name, else the org's name; Parley's colours where none was set. */
export function brandView(orgId: string, orgName: string, stored: StoredBrand): BrandView {
  return {
    displayName: stored.displayName ?? orgName,
    color: stored.color ?? null,
    logoUrl: stored.logo ? logoPath(orgId, stored.logo) : null,
    themeUrl: stored.color ? themePath(orgId, stored.color) : null,
    supportEmail: stored.supportEmail ?? null,
    supportPhone: stored.supportPhone ?? null,
  };
}
