// Field boxes on a PDF page and on the screen. Rects are kept in PDF points
// from the page's bottom-left corner; pdf.js's viewport converts both ways
// (convertToViewportRectangle, and its inverse convertToPdfPoint). Every
// rect is clamped inside its page and kept at least MIN points wide.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Viewport {
  width: number;
  height: number;
  convertToViewportRectangle(r: number[]): number[];
  convertToPdfPoint(x: number, y: number): number[];
}

export interface PageView {
  n: number;
  wrap: HTMLElement;
  viewport: Viewport;
  /** The page's own box in PDF space: [x0, y0, x1, y1]. */
  view: number[];
}

/** The smallest field, in points. */
export const MIN = 8;

/** The field's box on screen, in px from the page's top-left corner. */
export function toScreen(p: PageView, r: Rect): Rect {
  const [x1, y1, x2, y2] = p.viewport.convertToViewportRectangle([r.x + p.view[0]!, r.y + p.view[1]!, r.x + r.width + p.view[0]!, r.y + r.height + p.view[1]!]) as [number, number, number, number];
  return { x: Math.min(x1, x2), y: Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/** A box on screen back to PDF points from the page's bottom-left, kept inside the page. */
export function toPdf(p: PageView, s: Rect): Rect {
  const [ax, ay] = p.viewport.convertToPdfPoint(s.x, s.y) as [number, number];
  const [bx, by] = p.viewport.convertToPdfPoint(s.x + s.width, s.y + s.height) as [number, number];
  return clamp(p, { x: Math.min(ax, bx) - p.view[0]!, y: Math.min(ay, by) - p.view[1]!, width: Math.abs(bx - ax), height: Math.abs(by - ay) });
}

export const pageSize = (p: PageView) => ({ w: p.view[2]! - p.view[0]!, h: p.view[3]! - p.view[1]! });
const round = (n: number) => Math.round(n * 100) / 100;

export function clamp(p: PageView, r: Rect): Rect {
  const { w, h } = pageSize(p);
  const width = Math.min(Math.max(r.width, MIN), w);
  const height = Math.min(Math.max(r.height, MIN), h);
  return {
    x: round(Math.min(Math.max(r.x, 0), w - width)),
    y: round(Math.min(Math.max(r.y, 0), h - height)),
    width: round(width),
    height: round(height),
  };
}
