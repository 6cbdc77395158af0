// The branding page's script (/app/admin/branding, part of /assets/admin.js):
// keeps the preview (a room header and a button in the brand colour) and the
// contrast line current as the admin types, saves the name, colour and support
// contact as JSON, and uploads or removes the logo (the image itself as the
// body, as PUT /api/v1/settings/branding/logo takes it). The server decides:
// its refusals (a colour under 4.5:1, a logo that is no PNG or JPEG) are shown
// at their field. The preview's colours are set through the CSSOM, which the
// CSP (style-src 'self') allows where a style attribute would not be.
import type { BrandSettings } from '../../../contract/branding';
import { brandInk, brandSoft, contrastRatio, formatRatio, HEX_COLOR, MIN_CONTRAST } from '../../../domain/brand-colour';
import { $, api, type ApiError, type ApiResult } from './common';

type ShowIssues = (root: HTMLElement, error: ApiError) => void;

/** The preview's colours: the brand's, or Parley's own when the field is empty or not yet a colour. */
function paintPreview(color: string): void {
  const preview = $('brand-preview');
  if (!preview) return;
  for (const name of ['--brand', '--brand-ink', '--brand-soft']) preview.style.removeProperty(name);
  if (!HEX_COLOR.test(color)) return;
  preview.style.setProperty('--brand', color);
  preview.style.setProperty('--brand-ink', brandInk(color));
  preview.style.setProperty('--brand-soft', brandSoft(color));
}

/** The contrast line: the ratio with white text, and whether saving will pass. */
function contrastLine(color: string): string {
  if (color === '') return "No colour set: customers see Parley's blue.";
  if (!HEX_COLOR.test(color)) return 'Type the colour as #RRGGBB, e.g. #0B5CAD.';
  const ratio = contrastRatio(color, '#FFFFFF');
  return ratio >= MIN_CONTRAST
    ? `Contrast with white text: ${formatRatio(ratio)} (at least ${MIN_CONTRAST}:1 needed). Good.`
    : `Contrast with white text: ${formatRatio(ratio)}. Too light: at least ${MIN_CONTRAST}:1 is needed; choose a darker colour.`;
}

function showColor(color: string): void {
  paintPreview(color);
  const line = $('brand-contrast');
  if (line) line.textContent = contrastLine(color);
}

function showName(name: string): void {
  const form = $<HTMLFormElement>('brand-form');
  const el = $('brand-preview-name');
  if (el) el.textContent = name.trim() || form?.dataset.orgName || '';
}

function showSupport(email: string, phone: string): void {
  const line = $('brand-preview-support');
  const contact = $('brand-preview-contact');
  if (!line || !contact) return;
  contact.textContent = [email.trim(), phone.trim()].filter(Boolean).join(' · ');
  line.hidden = contact.textContent === '';
}

/** The page drawn again from the server's answer: what was saved is what it shows. */
function showSaved(settings: BrandSettings): void {
  const colorText = $<HTMLInputElement>('brand-color');
  if (colorText) colorText.value = settings.color ?? '';
  const pick = $<HTMLInputElement>('brand-color-pick');
  if (pick && settings.color) pick.value = settings.color.toLowerCase();
  showColor(settings.color ?? '');
  showName(settings.displayName ?? '');
  showSupport(settings.supportEmail ?? '', settings.supportPhone ?? '');
  const logo = $<HTMLImageElement>('brand-preview-logo');
  if (logo) {
    logo.hidden = settings.brand.logoUrl === null;
    if (settings.brand.logoUrl) logo.src = settings.brand.logoUrl;
    else logo.removeAttribute('src');
  }
  const remove = $('logo-remove');
  if (remove) remove.hidden = settings.logo === null;
  const state = $('logo-state');
  if (state) state.textContent = settings.logo ? `Your logo (${settings.logo.width}×${settings.logo.height} px) is shown above your display name.` : 'No logo yet: customers see your display name alone.';
}

const text = (id: string) => $<HTMLInputElement>(id)?.value.trim() ?? '';

/** Empty means "not set": the API clears a field given null. */
const orNull = (value: string) => (value === '' ? null : value);

/** Sends the logo as the request body, the way the route takes it (the shared api() sends JSON or forms). */
async function putLogo(file: File): Promise<ApiResult<BrandSettings>> {
  let res: Response;
  try {
    res = await fetch('/api/v1/settings/branding/logo', {
      method: 'PUT',
      headers: { 'X-Parley-App': '1', Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'Parley could not be reached. Check your connection and try again.' } };
  }
  const json = (await res.json().catch(() => null)) as { error?: ApiError } | BrandSettings | null;
  if (res.ok) return { ok: true, status: res.status, data: json as BrandSettings };
  return { ok: false, status: res.status, error: (json as { error?: ApiError } | null)?.error ?? { code: `http_${res.status}`, message: `the upload failed (${res.status})` } };
}

function status(id: string, value: string): void {
  const el = $(id);
  if (el) el.textContent = value;
}

/** Wires the branding page; showIssues and clear are the admin script's own (errors at their fields). */
export function brandingPage(showIssues: ShowIssues, clear: (root: ParentNode) => void): void {
  const form = $<HTMLFormElement>('brand-form');
  const colorText = $<HTMLInputElement>('brand-color');
  const pick = $<HTMLInputElement>('brand-color-pick');
  if (!form || !colorText) return;

  showColor(colorText.value.trim());
  pick?.addEventListener('input', () => {
    colorText.value = pick.value.toUpperCase();
    showColor(colorText.value);
  });
  colorText.addEventListener('input', () => {
    const value = colorText.value.trim();
    if (pick && HEX_COLOR.test(value)) pick.value = value.toLowerCase();
    showColor(value);
  });
  $('brand-display-name')?.addEventListener('input', (e) => showName((e.currentTarget as HTMLInputElement).value));
  for (const id of ['brand-support-email', 'brand-support-phone']) $(id)?.addEventListener('input', () => showSupport(text('brand-support-email'), text('brand-support-phone')));
  form.addEventListener('input', () => status('brand-status', ''));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(form);
    const button = $<HTMLButtonElement>('brand-save');
    if (button) button.disabled = true;
    status('brand-status', 'Saving…');
    const r = await api<BrandSettings>('PUT', '/settings/branding', {
      displayName: orNull(text('brand-display-name')),
      color: orNull(text('brand-color')),
      supportEmail: orNull(text('brand-support-email')),
      supportPhone: orNull(text('brand-support-phone')),
    });
    if (button) button.disabled = false;
    if (!r.ok) {
      status('brand-status', '');
      return showIssues(form, r.error);
    }
    showSaved(r.data);
    status('brand-status', 'Branding saved: customers see it from their next page.');
  });

  const logoForm = $<HTMLFormElement>('logo-form');
  logoForm?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(logoForm);
    const file = $<HTMLInputElement>('logo-file')?.files?.[0];
    if (!file) return showIssues(logoForm, { code: 'logo_missing', message: 'choose an image first', issues: [{ field: 'logo', message: 'choose a PNG or JPEG image first' }] });
    status('logo-status', 'Uploading…');
    const r = await putLogo(file);
    if (!r.ok) {
      status('logo-status', '');
      return showIssues(logoForm, r.error);
    }
    showSaved(r.data);
    status('logo-status', 'Logo saved.');
  });
  $('logo-remove')?.addEventListener('click', async () => {
    if (!logoForm) return;
    clear(logoForm);
    const r = await api<BrandSettings>('DELETE', '/settings/branding/logo');
    if (!r.ok) return showIssues(logoForm, r.error);
    showSaved(r.data);
    status('logo-status', 'Logo removed.');
    $('logo-file')?.focus();
  });
}
