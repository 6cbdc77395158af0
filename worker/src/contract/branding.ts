// The org's brand as customers see it (set by an admin: ui/workspace/admin
// branding): the name their room and messages carry, a logo, a colour
// checked for contrast, and how to reach support. Every field is optional:
// an org that set nothing shows its own name in Parley's colours.
import { z } from '@hono/zod-openapi';

export const brandSchema = z
  .object({
    displayName: z.string().openapi({ description: "the name customers see: the admin's display name, else the org's name" }),
    color: z.string().nullable().openapi({ description: '#RRGGBB, at least 4.5:1 against white; null: Parley’s own', example: '#0B5CAD' }),
    logoUrl: z.string().nullable().openapi({ description: 'the logo, served by Parley (/brand/…); null when none' }),
    themeUrl: z.string().nullable().openapi({ description: 'the stylesheet that gives customer pages the brand colour; null when none' }),
    supportEmail: z.string().nullable(),
    supportPhone: z.string().nullable(),
  })
  .strict()
  .openapi('Brand');
export type BrandView = z.infer<typeof brandSchema>;

/** What a room shows before (or without) an admin's branding: the org's own name, Parley's colours. */
export const plainBrand = (orgName: string): BrandView => ({ displayName: orgName, color: null, logoUrl: null, themeUrl: null, supportEmail: null, supportPhone: null });

/** The admin's view of the branding (GET/PUT /api/v1/settings/branding): what they set, and what customers see. */
export const brandSettingsSchema = z
  .object({
    displayName: z.string().nullable().openapi({ description: "the admin's display name; null: the org's name is shown" }),
    color: z.string().nullable().openapi({ description: '#RRGGBB; null: Parley’s own colours', example: '#0B5CAD' }),
    contrast: z.number().nullable().openapi({ description: "the colour's WCAG contrast ratio against white (at least 4.5); null without a colour", example: 6.1 }),
    supportEmail: z.string().nullable(),
    supportPhone: z.string().nullable().openapi({ description: 'E.164' }),
    logo: z
      .object({
        url: z.string().openapi({ description: 'served by Parley, versioned: /brand/{orgId}/logo?v=…' }),
        type: z.enum(['image/png', 'image/jpeg']),
        width: z.number().int(),
        height: z.number().int(),
      })
      .nullable(),
    brand: brandSchema.openapi({ description: 'what customers see: the room, the document pages, emails, the certificate page' }),
  })
  .strict()
  .openapi('BrandSettings');
export type BrandSettings = z.infer<typeof brandSettingsSchema>;
