// A drawn signature or initials as the image answer both sides share (the
// room's /room/api/documents/…/image and the agent's /api/v1/…/image): a PNG
// that is nobody else's business, so never kept by a shared cache, and a
// signature is seen again only by asking again (the page asks on each draw).
export function drawnImageResponse(png: Uint8Array): Response {
  return new Response(png, {
    status: 200,
    headers: { 'Content-Type': 'image/png', 'Cache-Control': 'private, no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Disposition': 'inline' },
  });
}
