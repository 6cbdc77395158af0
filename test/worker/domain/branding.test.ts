// The brand's rules: WCAG contrast against white (known pairs), the colours
// derived for customer pages, what an admin may send, and how a patch and
// what D1 holds are read.
import { describe, expect, it } from 'vitest';
import {
  applyBrandPatch,
  brandInk,
  brandPatchSchema,
  brandSoft,
  brandView,
  colorContrastProblem,
  contrastRatio,
  formatRatio,
  readStoredBrand,
  relativeLuminance,
  themeCss,
} from '../../../worker/src/domain/branding';

describe('contrast against white (WCAG 2.x)', () => {
  it('matches the known pairs', () => {
    expect(relativeLuminance('#FFFFFF')).toBeCloseTo(1, 6);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 6);
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#FFFFFF', '#767676')).toBe(contrastRatio('#767676', '#FFFFFF'));
  });

  it('lets #767676 carry white text and refuses #777777 with the ratio found and the one needed', () => {
    expect(colorContrastProblem('#767676')).toBeNull();
    expect(colorContrastProblem('#777777')).toBe('#777777 has contrast 4.47:1 against white; choose a darker colour (at least 4.5:1)');
    expect(colorContrastProblem('#FFD700')).toBe('#FFD700 has contrast 1.4:1 against white; choose a darker colour (at least 4.5:1)');
  });

  it('never rounds a refused ratio up to the one needed', () => {
    expect(formatRatio(4.4999)).toBe('4.49:1');
    expect(formatRatio(21)).toBe('21:1');
  });
});

describe('the colours derived from the brand colour', () => {
  it('puts white ink on a dark colour and dark ink on a light one', () => {
    expect(brandInk('#0B5CAD')).toBe('#FFFFFF');
    expect(brandInk('#FFD700')).toBe('#1A1A1A');
  });

  it('tints towards white', () => {
    expect(brandSoft('#000000')).toBe('#E0E0E0');
    expect(brandSoft('#0B5CAD', 0)).toBe('#0B5CAD');
    expect(contrastRatio(brandSoft('#0B5CAD'), '#1A1A1A')).toBeGreaterThan(4.5);
  });

  it('writes a stylesheet of exactly the three custom properties', () => {
    expect(themeCss('#0B5CAD')).toBe(':root{--brand:#0B5CAD;--brand-ink:#FFFFFF;--brand-soft:#E2EBF5}\n');
  });
});

describe('what an admin sends', () => {
  it('takes any subset, trims the name and stores the colour upper-case', () => {
    expect(brandPatchSchema.parse({ displayName: '  Acme Homes ', color: '#0b5cad' })).toEqual({ displayName: 'Acme Homes', color: '#0B5CAD' });
    expect(brandPatchSchema.parse({ supportPhone: '+1 415 555 0123', supportEmail: 'Help@Acme.example' })).toEqual({ supportPhone: '+14155550123', supportEmail: 'help@acme.example' });
    expect(brandPatchSchema.parse({ color: null })).toEqual({ color: null });
  });

  it('names what is wrong', () => {
    const issues = (body: unknown) => brandPatchSchema.safeParse(body).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ color: 'blue' })).toEqual([['color', 'must be a colour as #RRGGBB, e.g. #0B5CAD']]);
    expect(issues({ color: '#FFD700' })).toEqual([['color', '#FFD700 has contrast 1.4:1 against white; choose a darker colour (at least 4.5:1)']]);
    expect(issues({ displayName: '   ' })?.[0]?.[0]).toBe('displayName');
    expect(issues({ displayName: 'x'.repeat(81) })).toEqual([['displayName', 'must be at most 80 characters']]);
    expect(issues({ supportEmail: 'nope' })?.[0]?.[0]).toBe('supportEmail');
    expect(issues({ logo: 'x' })?.[0]?.[1]).toMatch(/logo/);
  });

  it('a patch sets, clears with null and keeps what it does not name', () => {
    const stored = { displayName: 'Acme', color: '#0B5CAD', supportEmail: 'help@acme.example' };
    expect(applyBrandPatch(stored, { color: null, supportPhone: '+14155550123' })).toEqual({ displayName: 'Acme', supportEmail: 'help@acme.example', supportPhone: '+14155550123' });
    expect(stored.color).toBe('#0B5CAD');
  });
});

describe('the brand customers see', () => {
  it('falls back to the org name and Parley’s colours, and versions its URLs', () => {
    expect(brandView('org_1', 'Acme', {})).toEqual({ displayName: 'Acme', color: null, logoUrl: null, themeUrl: null, supportEmail: null, supportPhone: null });
    const logo = { type: 'image/png' as const, hash: '0123456789abcdef', width: 120, height: 40 };
    expect(brandView('org_1', 'Acme', { displayName: 'Acme Homes', color: '#0B5CAD', logo })).toMatchObject({
      displayName: 'Acme Homes',
      logoUrl: '/brand/org_1/logo?v=0123456789abcdef',
      themeUrl: '/brand/org_1/theme.css?v=0b5cad',
    });
  });

  it('drops from what D1 holds what no longer passes, rather than breaking pages', () => {
    expect(readStoredBrand({ displayName: 'Acme', color: '#FFD700', logo: { type: 'image/svg+xml', hash: 'abcdef0123', width: 1, height: 1 } })).toEqual({ displayName: 'Acme' });
    expect(readStoredBrand('nonsense')).toEqual({});
  });
});
