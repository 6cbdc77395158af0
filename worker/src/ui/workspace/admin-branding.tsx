// The admin's branding page (/app/admin/branding): the display name, colour
// and support contact customers see on the room, the document pages, emails
// and the certificate page, and the logo. A preview shows a room header and a
// button in the colour with its contrast against white, updated as the admin
// types (client/workspace/admin-branding.ts); saving goes through the JSON API
// (PUT /api/v1/settings/branding, PUT|DELETE …/logo), whose refusals (a colour
// under 4.5:1, a logo that is no PNG or JPEG) show at their field by
// data-field. No inline style (CSP): the preview's colours are set by the
// script from data-color, and without it the preview keeps Parley's.
import type { BrandSettings } from '../../contract/branding';
import type { AgentRecord } from '../../directory/agents';
import { DISPLAY_NAME_MAX, MIN_CONTRAST } from '../../domain/branding';
import { LOGO_MAX_BYTES, LOGO_MAX_SIDE, LOGO_MIN_HEIGHT } from '../../domain/logo-image';
import { AdminLayout } from './admin-layout';

/** A text field with its label, help and error line (the API's issue field finds it by data-field). */
function Field(props: { id: string; field: string; label: string; value: string | null; type?: string; help?: string; placeholder?: string; maxlength?: number; autocomplete?: string }) {
  const describedBy = [`${props.id}-err`, props.help ? `${props.id}-help` : null].filter(Boolean).join(' ');
  return (
    <div class="ws-field">
      <label for={props.id}>{props.label}</label>
      <input
        type={props.type ?? 'text'}
        id={props.id}
        value={props.value ?? ''}
        placeholder={props.placeholder}
        maxlength={props.maxlength}
        autocomplete={props.autocomplete ?? 'off'}
        aria-describedby={describedBy}
        data-field={props.field}
      />
      {props.help ? (
        <p class="muted adm-help" id={`${props.id}-help`}>
          {props.help}
        </p>
      ) : null}
      <p class="ws-err" id={`${props.id}-err`} data-field={props.field} />
    </div>
  );
}

/** What the colour's contrast reads as, on the server's first draw (the script keeps it current). */
function contrastText(settings: BrandSettings): string {
  if (settings.contrast === null) return "No colour set: customers see Parley's blue.";
  return `Contrast with white text: ${settings.contrast}:1 (at least ${MIN_CONTRAST}:1 needed).`;
}

/** The preview: a room header as customers see it, and a button in the brand colour. */
function Preview(props: { settings: BrandSettings }) {
  const { brand } = props.settings;
  return (
    <section class="ws-panel" aria-labelledby="brand-preview-h">
      <h2 id="brand-preview-h">Preview</h2>
      <div class="adm-brand-preview" id="brand-preview" data-color={brand.color ?? ''}>
        <div class="adm-brand-head">
          <img class="adm-brand-logo" id="brand-preview-logo" src={brand.logoUrl ?? undefined} alt="" hidden={!brand.logoUrl} />
          <span class="adm-brand-name" id="brand-preview-name">
            {brand.displayName}
          </span>
        </div>
        <p class="adm-brand-line">Your documents are ready.</p>
        <span class="adm-brand-button" aria-hidden="true">
          Review and sign
        </span>
        <p class="adm-brand-support muted" id="brand-preview-support" hidden={!brand.supportEmail && !brand.supportPhone}>
          Questions? <span id="brand-preview-contact">{[brand.supportEmail, brand.supportPhone].filter(Boolean).join(' · ')}</span>
        </p>
      </div>
      <p class="adm-help" id="brand-contrast" role="status">
        {contrastText(props.settings)}
      </p>
    </section>
  );
}

export function BrandingPage(props: { agent: AgentRecord; settings: BrandSettings }) {
  const { settings } = props;
  return (
    <AdminLayout title="Branding" agent={props.agent} section="branding" page="branding">
      <h1>Branding</h1>
      <p class="muted">What your customers see on their room, the document pages, the emails Parley sends, and the certificate page of every sealed document.</p>

      <Preview settings={settings} />

      <section class="ws-panel" aria-labelledby="brand-h">
        <h2 id="brand-h">Name, colour and support</h2>
        <form id="brand-form" class="ws-form" novalidate data-org-name={props.agent.orgName}>
          <Field
            id="brand-display-name"
            field="body.displayName"
            label="Display name"
            value={settings.displayName}
            placeholder={props.agent.orgName}
            maxlength={DISPLAY_NAME_MAX}
            help={`Shown in page titles and headers. Empty: ${props.agent.orgName}.`}
          />
          <div class="ws-field">
            <label for="brand-color">Brand colour</label>
            <div class="ws-row">
              <input type="color" id="brand-color-pick" value={settings.color ?? '#1f5fbf'} aria-label="Pick the brand colour" />
              <input
                type="text"
                id="brand-color"
                class="adm-color-text"
                value={settings.color ?? ''}
                placeholder="#0B5CAD"
                maxlength={7}
                spellcheck={false}
                autocomplete="off"
                aria-describedby="brand-color-err brand-color-help brand-contrast"
                data-field="body.color"
              />
            </div>
            <p class="muted adm-help" id="brand-color-help">
              As #RRGGBB. White text sits on it (buttons, the email header), so it must reach {MIN_CONTRAST}:1 against white. Empty: Parley's blue.
            </p>
            <p class="ws-err" id="brand-color-err" data-field="body.color" />
          </div>
          <Field id="brand-support-email" field="body.supportEmail" type="email" label="Support email" value={settings.supportEmail} autocomplete="email" help="Shown at the foot of the room and of every email. Empty: none." />
          <Field id="brand-support-phone" field="body.supportPhone" type="tel" label="Support phone" value={settings.supportPhone} autocomplete="tel" help="In international form, e.g. +14155550123. Empty: none." />
          <p class="ws-err" data-field="" role="alert" />
          <p class="adm-status" id="brand-status" role="status" />
          <button type="submit" class="ws-btn" id="brand-save">
            Save branding
          </button>
        </form>
      </section>

      <section class="ws-panel" aria-labelledby="logo-h">
        <h2 id="logo-h">Logo</h2>
        <form id="logo-form" class="ws-form" novalidate>
          <p class="muted" id="logo-state">
            {settings.logo ? `Your logo (${settings.logo.width}×${settings.logo.height} px) is shown above your display name.` : 'No logo yet: customers see your display name alone.'}
          </p>
          <div class="ws-field">
            <label for="logo-file">PNG or JPEG image</label>
            <input type="file" id="logo-file" accept="image/png,image/jpeg" aria-describedby="logo-file-help logo-file-err" data-field="logo" />
            <p class="muted adm-help" id="logo-file-help">
              At most {LOGO_MAX_BYTES / 1024} KB, {LOGO_MIN_HEIGHT} to {LOGO_MAX_SIDE} px high. SVG and WebP cannot be used: the certificate page of sealed PDFs embeds the logo.
            </p>
            <p class="ws-err" id="logo-file-err" data-field="logo" />
          </div>
          <p class="ws-err" data-field="" role="alert" />
          <p class="adm-status" id="logo-status" role="status" />
          <div class="ws-row">
            <button type="submit" class="ws-btn" id="logo-upload">
              Upload logo
            </button>
            <button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="logo-remove" hidden={!settings.logo}>
              Remove logo
            </button>
          </div>
        </form>
      </section>
    </AdminLayout>
  );
}
