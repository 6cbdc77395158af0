// The admin's settings pages: the org's settings (every setting of SPEC §6,
// plus the e-sign disclosure, sealing and messaging), the teams list, and one team's
// overrides, each setting with "Inherit from org (currently: …)". The forms
// are saved by /assets/admin.js through the JSON API; a 422's
// error.issues[].field (body.afterEnd.fullAccessHours) finds its error line
// here by data-field.
import type { AgentRecord } from '../../directory/agents';
import { DURATION_PARTS, SEARCH_SPACES, SEARCH_SPACE_LABELS, SETTING_GROUPS, describeSettingValue, settingsIn, type SettingDef, type SettingGroup } from '../../domain/catalogue';
import type { Settings } from '../../domain/settings';
import { AdminLayout } from './admin-layout';
import type { DisclosureSetting, SealingView } from '../../contract/settings';
import type { MessagingProvidersView } from '../../contract/messaging';
import { MessageTextsSection, MessagingSection } from './admin-messaging';
import type { NotificationSettings } from '../../domain/notification-settings';
import type { Locale } from '../../i18n/locales';

type Duration = { days: number; hours: number; minutes: number } | null;

const idOf = (def: SettingDef) => `s-${def.group}-${def.key}`;
const fieldOf = (def: SettingDef) => `body.${def.group}.${def.key}`;

/** One setting's control(s), its help, its error line and, for a team, the inherit choice. */
function SettingControl(props: { def: SettingDef; value: unknown; inherit?: { on: boolean; orgValue: unknown } }) {
  const { def, value, inherit } = props;
  const id = idOf(def);
  const err = `${id}-err`;
  const help = def.help ? `${id}-help` : undefined;
  const describedBy = [err, help].filter(Boolean).join(' ');
  const disabled = inherit?.on ?? false;
  const field = fieldOf(def);
  let control;
  switch (def.kind) {
    case 'toggle':
      control = (
        <div class="ws-check">
          <input type="checkbox" id={id} class="adm-value" checked={value === true} disabled={disabled} aria-describedby={describedBy} data-field={field} />
          <label for={id}>{def.label}</label>
        </div>
      );
      break;
    case 'hours':
      control = (
        <div class="ws-field">
          <label for={id}>{def.label}</label>
          <input type="number" id={id} class="adm-value adm-num" inputmode="numeric" min={def.min} max={def.max} step={1} value={String(value)} disabled={disabled} aria-describedby={describedBy} data-field={field} />
        </div>
      );
      break;
    case 'space':
      control = (
        <div class="ws-field">
          <label for={id}>{def.label}</label>
          <select id={id} class="adm-value" disabled={disabled} aria-describedby={describedBy} data-field={field}>
            {SEARCH_SPACES.map((s) => (
              <option value={s} selected={s === value}>
                {SEARCH_SPACE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      );
      break;
    case 'url':
      control = (
        <div class="ws-field">
          <label for={id}>{def.label}</label>
          <input type="url" id={id} class="adm-value" value={(value as string | null) ?? ''} maxlength={2048} autocomplete="off" disabled={disabled} aria-describedby={describedBy} data-field={field} />
        </div>
      );
      break;
    case 'duration': {
      const d = value as Duration;
      control = (
        <fieldset class="ws-fieldset adm-duration" aria-describedby={describedBy}>
          <legend>{def.label}</legend>
          <div class="ws-inline">
            <div class="ws-field">
              <label for={id}>Auto-close</label>
              <select id={id} class="adm-value adm-duration-on" disabled={disabled} aria-describedby={describedBy} data-field={field}>
                <option value="off" selected={!d}>
                  Off
                </option>
                <option value="on" selected={!!d}>
                  After inactivity of…
                </option>
              </select>
            </div>
            {DURATION_PARTS.map(({ unit, label, max }) => (
              <div class="ws-field">
                <label for={`${id}-${unit}`}>{label}</label>
                <input
                  type="number"
                  id={`${id}-${unit}`}
                  class="adm-value adm-num adm-duration-part"
                  data-unit={unit}
                  inputmode="numeric"
                  min={0}
                  max={max}
                  step={1}
                  value={String(d?.[unit] ?? 0)}
                  disabled={disabled || !d}
                  aria-describedby={describedBy}
                  data-field={`${field}.${unit}`}
                />
              </div>
            ))}
          </div>
        </fieldset>
      );
      break;
    }
  }
  return (
    <div class="adm-setting" data-key={`${def.group}.${def.key}`} data-kind={def.kind}>
      {control}
      {inherit ? (
        <div class="ws-check adm-inherit-row">
          <input type="checkbox" id={`${id}-inherit`} class="adm-inherit" checked={inherit.on} aria-describedby={err} />
          <label for={`${id}-inherit`}>
            <span class="ws-sr">{def.label}: </span>Inherit from org (currently: <span class="adm-org-value">{describeSettingValue(def, inherit.orgValue)}</span>)
          </label>
        </div>
      ) : null}
      {help ? (
        <p class="muted adm-help" id={help}>
          {def.help}
        </p>
      ) : null}
      <p class="ws-err" id={err} data-field={field} />
    </div>
  );
}

function SettingsForm(props: { values: Settings; team?: { id: string; overrides: Record<SettingGroup, Record<string, unknown>>; org: Settings } }) {
  const { values, team } = props;
  const groups = SETTING_GROUPS.map((g) => ({ group: g.name, title: g.title, id: g.name === 'session' ? 'g-session' : 'g-after' }));
  return (
    <form id="settings-form" class="ws-form adm-settings" novalidate data-scope={team ? 'team' : 'org'} data-team={team?.id}>
      {groups.map((g) => (
        <section class="ws-panel" aria-labelledby={g.id}>
          <h2 id={g.id}>{g.title}</h2>
          {settingsIn(g.group).map((def) => (
            <SettingControl
              def={def}
              value={(values[def.group] as Record<string, unknown>)[def.key]}
              inherit={team ? { on: team.overrides[def.group][def.key] === 'inherit', orgValue: (team.org[def.group] as Record<string, unknown>)[def.key] } : undefined}
            />
          ))}
        </section>
      ))}
      <p class="ws-err" id="settings-error" data-field="" role="alert" />
      <p class="adm-status" id="settings-status" role="status" />
      <button type="submit" id="settings-save" class="ws-btn">
        Save settings
      </button>
    </form>
  );
}

export function OrgSettingsPage(props: {
  agent: AgentRecord;
  settings: Settings;
  disclosure: DisclosureSetting;
  sealing: SealingView;
  messaging: MessagingProvidersView;
  /** The message texts, shown in one language at a time (?language=). */
  notifications: NotificationSettings;
  textsLanguage: Locale;
}) {
  const { disclosure, sealing } = props;
  return (
    <AdminLayout title="Org settings" agent={props.agent} section="settings" page="settings">
      <h1>Settings for {props.agent.orgName}</h1>
      <p class="muted">These apply to every team that does not override them. Save changes only what you changed.</p>
      <SettingsForm values={props.settings} />

      <section class="ws-panel" aria-labelledby="disclosure-h">
        <h2 id="disclosure-h">E-sign disclosure</h2>
        <form id="disclosure-form" class="ws-form" novalidate>
          <p class="muted" id="disclosure-state">
            {disclosure.custom ? 'Signers see your own text.' : "Signers see Parley's default text."} Consents already given keep the text they saw.
          </p>
          <div class="ws-field">
            <label for="disclosure-text">Consent to do business electronically</label>
            <textarea id="disclosure-text" rows={8} aria-describedby="disclosure-err disclosure-state" data-field="body.text">
              {disclosure.text}
            </textarea>
            <p class="ws-err" id="disclosure-err" data-field="body.text" />
          </div>
          <p class="ws-err" data-field="" role="alert" />
          <p class="adm-status" id="disclosure-status" role="status" />
          <div class="ws-row">
            <button type="submit" class="ws-btn" id="disclosure-save">
              Save disclosure
            </button>
            <button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="disclosure-default">
              Use Parley's default
            </button>
          </div>
        </form>
      </section>

      <section class="ws-panel" aria-labelledby="sealing-h">
        <h2 id="sealing-h">Sealing</h2>
        <p id="sealing-who">
          Completed documents are sealed by <strong id="sealing-cn">{sealing.certificate.commonName}</strong>
          <span id="sealing-kind">{sealing.certificate.custom ? " (your org's certificate)." : " (Parley's certificate)."}</span>
        </p>
        <form id="certificate-form" class="ws-form" novalidate>
          <h3>Seal with your own certificate</h3>
          <div class="ws-field">
            <label for="certificate-file">PKCS#12 file (.p12 or .pfx, RSA or EC)</label>
            <input type="file" id="certificate-file" accept=".p12,.pfx,application/x-pkcs12" aria-describedby="certificate-file-err" data-field="body.file" />
            <p class="ws-err" id="certificate-file-err" data-field="body.file" />
          </div>
          <div class="ws-field">
            <label for="certificate-password">Its password</label>
            <input type="password" id="certificate-password" autocomplete="off" aria-describedby="certificate-password-err" data-field="body.password" />
            <p class="ws-err" id="certificate-password-err" data-field="body.password" />
          </div>
          <p class="ws-err" data-field="" role="alert" />
          <p class="adm-status" id="certificate-status" role="status" />
          <div class="ws-row">
            <button type="submit" class="ws-btn" id="certificate-upload">
              Upload certificate
            </button>
            <button type="button" class="ws-btn ws-btn-quiet adm-quiet" id="certificate-remove" hidden={!sealing.certificate.custom}>
              Go back to Parley's certificate
            </button>
          </div>
        </form>
        <form id="tsa-form" class="ws-form" novalidate>
          <h3>Timestamp authority</h3>
          <div class="ws-field">
            <label for="tsa-url">RFC 3161 timestamp authority URL</label>
            <input type="url" id="tsa-url" value={sealing.tsaUrl ?? ''} maxlength={2048} autocomplete="off" aria-describedby="tsa-url-help tsa-url-err" data-field="body.tsaUrl" />
            <p class="muted" id="tsa-url-help">
              Leave empty to seal without a timestamp.
            </p>
            <p class="ws-err" id="tsa-url-err" data-field="body.tsaUrl" />
          </div>
          <p class="ws-err" data-field="" role="alert" />
          <p class="adm-status" id="tsa-status" role="status" />
          <button type="submit" class="ws-btn" id="tsa-save">
            Save timestamp authority
          </button>
        </form>
      </section>

      <MessagingSection messaging={props.messaging} />
      <MessageTextsSection settings={props.notifications} language={props.textsLanguage} />
    </AdminLayout>
  );
}

export function TeamsPage(props: { agent: AgentRecord; teams: { id: string; name: string; overrides: number; agents: number }[] }) {
  return (
    <AdminLayout title="Teams" agent={props.agent} section="teams" page="teams">
      <h1>Teams</h1>
      <div class="ws-columns">
        <section class="ws-panel" aria-labelledby="new-team-h">
          <h2 id="new-team-h">Create a team</h2>
          <form id="team-form" class="ws-form" novalidate>
            <div class="ws-field">
              <label for="team-name">Team name</label>
              <input id="team-name" maxlength={80} autocomplete="off" aria-describedby="team-name-err" data-field="body.name" />
              <p class="ws-err" id="team-name-err" data-field="body.name" />
            </div>
            <p class="ws-err" data-field="" role="alert" />
            <button type="submit" class="ws-btn" id="team-create">
              Create team
            </button>
          </form>
        </section>
        <section class="ws-panel ws-grow" aria-labelledby="teams-h">
          <h2 id="teams-h">Teams in {props.agent.orgName}</h2>
          {props.teams.length === 0 ? (
            <p class="muted">No teams yet.</p>
          ) : (
            <table class="ws-table" id="teams">
              <caption class="ws-sr">Teams, by name</caption>
              <thead>
                <tr>
                  <th scope="col">Team</th>
                  <th scope="col">Agents</th>
                  <th scope="col">Own settings</th>
                </tr>
              </thead>
              <tbody>
                {props.teams.map((t) => (
                  <tr data-team={t.id}>
                    <td>
                      <a href={`/app/admin/teams/${t.id}/settings`}>{t.name}</a>
                    </td>
                    <td>{t.agents}</td>
                    <td>{t.overrides === 0 ? 'All inherited from the org' : `${t.overrides} overridden`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </AdminLayout>
  );
}

export function TeamSettingsPage(props: { agent: AgentRecord; team: { id: string; name: string }; overrides: Record<SettingGroup, Record<string, unknown>>; effective: Settings; org: Settings }) {
  return (
    <AdminLayout title={`${props.team.name} settings`} agent={props.agent} section="teams" page="settings">
      <p class="ws-back">
        <a href="/app/admin/teams">All teams</a>
      </p>
      <h1>Settings for the team {props.team.name}</h1>
      <p class="muted">Each setting either inherits the org's value or overrides it for this team.</p>
      <SettingsForm values={props.effective} team={{ id: props.team.id, overrides: props.overrides, org: props.org }} />
    </AdminLayout>
  );
}
