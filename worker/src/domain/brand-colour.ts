// The brand colour's maths (WCAG 2.x): relative luminance, contrast ratio,
// whether white text may sit on it, and the colours derived from it for
// customer pages. Pure and dependency-free: the server's save check
// (domain/branding.ts) and the admin page's live preview
// (client/workspace/admin-branding.ts) use the same numbers.
/** WCAG 2.x AA for normal text. */
export const MIN_CONTRAST = 4.5;
const WHITE = '#FFFFFF';
/** The dark ink for a colour too light for white text (none passes the save check, but the maths is general). */
const DARK_INK = '#1A1A1A';

/** #RRGGBB, the one form a brand colour takes. */
export const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;

/** WCAG relative luminance of a #RRGGBB colour (0 black … 1 white). */
export function relativeLuminance(hex: string): number {
  const channel = (at: number) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two colours, 1 … 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The ratio as people read it ("4.48:1"), rounded down so a refused colour
 * never reads as 4.5, without trailing zeros ("1.4:1", "21:1").
 */
export function formatRatio(ratio: number): string {
  return `${String(Math.floor(ratio * 100) / 100)}:1`;
}

/** Why a colour cannot carry white text, or null when it can. */
export function colorContrastProblem(color: string): string | null {
  const ratio = contrastRatio(color, WHITE);
  if (ratio >= MIN_CONTRAST) return null;
  return `${color} has contrast ${formatRatio(ratio)} against white; choose a darker colour (at least ${MIN_CONTRAST}:1)`;
}

/** The text colour for text on the brand colour: white, or dark ink where dark reads better. */
export function brandInk(color: string): string {
  return contrastRatio(color, WHITE) >= contrastRatio(color, DARK_INK) ? WHITE : DARK_INK;
}

/**
 * A pale tint of the brand colour (for backgrounds behind dark text: a
 * highlighted step, a chip): the colour mixed with `whiteShare` of white.
 */
export function brandSoft(color: string, whiteShare = 0.88): string {
  const mix = (at: number) => {
    const c = parseInt(color.slice(at, at + 2), 16);
    return Math.round(c + (255 - c) * whiteShare).toString(16).padStart(2, '0');
  };
  return `#${mix(1)}${mix(3)}${mix(5)}`.toUpperCase();
}

