// The org's logo and theme stylesheet, served to customers: the room and
// document pages link them (DirectoryCache.brand() gives their URLs), emails
// load the logo from the recipient's mail client, the admin page previews
// both. Public, as any logo on a website is: nothing here is secret.
//
// The URLs carry a version (?v=, the logo's hash, the colour): an answer for
// the version in force may be cached for good; one for another version (an
// old page asking after a change) gets the current file, not cached, so a
// stale URL never pins the wrong image.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../api/context';
import { orgBrand, readLogo } from '../directory/branding-store';
import { themeCss, themeVersion } from '../domain/branding';

export const BRAND_ASSETS_PREFIX = '/brand/';

export const brandAssets = new Hono<AppEnv>();

const FOREVER = 'public, max-age=31536000, immutable';
/** Asked for a version not (or no longer) in force: answer, but let nobody keep it. */
const NOT_KEPT = 'no-cache';

function notFound(c: Context<AppEnv>, what: string) {
  c.header('Cache-Control', NOT_KEPT);
  return c.text(`${what} not found`, 404);
}

brandAssets.get('/brand/:orgId/logo', async (c) => {
  const orgId = c.req.param('orgId');
  const logo = (await orgBrand(c.env.DB, orgId))?.brand.logo;
  if (!logo) return notFound(c, 'logo');
  const bytes = await readLogo(c.env.FILES, orgId, logo);
  if (!bytes) return notFound(c, 'logo');
  c.header('Content-Type', logo.type);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', c.req.query('v') === logo.hash ? FOREVER : NOT_KEPT);
  return c.body(bytes);
});

brandAssets.get('/brand/:orgId/theme.css', async (c) => {
  const color = (await orgBrand(c.env.DB, c.req.param('orgId')))?.brand.color;
  if (!color) return notFound(c, 'theme');
  c.header('Content-Type', 'text/css; charset=utf-8');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Cache-Control', c.req.query('v') === themeVersion(color) ? FOREVER : NOT_KEPT);
  return c.body(themeCss(color));
});
