// The org's brand for the room-entry bench: a display name, a colour and a
// logo set through the admin API, so the room's first-view weight counts
// what a branded org's customers download (the theme and the logo too).
// The logo is made by the tests' image helper (Node 24 strips its types).
import { makePng } from '../test/helpers/images.ts';

export async function brandOrg(url, adminToken) {
  const auth = { Authorization: `Bearer ${adminToken}` };
  const put = async (path, body, type) => {
    const res = await fetch(`${url}${path}`, { method: 'PUT', headers: { ...auth, 'Content-Type': type }, body, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new Error(`PUT ${path} answered ${res.status}: ${await res.text()}`);
  };
  await put('/api/v1/settings/branding', JSON.stringify({ displayName: 'Harbour Savings', color: '#0B5CAD', supportEmail: 'help@example.com' }), 'application/json');
  // 360 × 80: a plausible size for a header logo.
  await put('/api/v1/settings/branding/logo', await makePng(360, 80), 'image/png');
}
