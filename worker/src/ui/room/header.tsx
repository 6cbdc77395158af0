// The top of the customer's room: whose room it is (the org's logo, else
// its name), that it is secure, the language menu; then the agent who
// works with them, by name with an initials avatar and a live presence dot
// (customers cannot reach CRM photos). The footer gives the org's support
// contact when the admin set one.
import type { BrandView } from '../../contract/branding';
import type { Translate } from '../../i18n/translate';
import { LanguageMenu } from '../language-menu';
import { LockIcon } from './icons';
import type { AgentLine } from '../room-model';

export function RoomHeader({ t, brand }: { t: Translate; brand: BrandView }) {
  return (
    <header class="room-head">
      <p class="room-brand">
        {brand.logoUrl ? <img class="room-logo" src={brand.logoUrl} alt={brand.displayName} /> : <span class="room-org">{brand.displayName}</span>}
        <span class="room-badge">
          <LockIcon />
          {t('common.secure_room')}
        </span>
      </p>
      <LanguageMenu t={t} back="/room" />
    </header>
  );
}

/** The agent's card; client/room.ts redraws #agent-presence and #agent-status from the same AgentLine. */
export function AgentCard({ t, agent }: { t: Translate; agent: AgentLine }) {
  return (
    <section class="agent-card" aria-labelledby="agent-name">
      <span class="avatar" aria-hidden="true">
        {agent.initials}
      </span>
      <div class="agent-text">
        <p class="agent-name" id="agent-name">
          {agent.name} <span class="muted">· {t('common.your_agent')}</span>
        </p>
        <p class="agent-presence">
          <span id="agent-presence" class={agent.online ? 'presence online' : 'presence'} aria-hidden="true" />
          <span id="agent-status">{agent.status}</span>
        </p>
      </div>
    </section>
  );
}

export function SupportFooter({ t, brand }: { t: Translate; brand: BrandView }) {
  if (!brand.supportEmail && !brand.supportPhone) return null;
  return (
    <footer class="room-foot" id="support">
      <p>
        {t('common.brand.support', { name: brand.displayName })}{' '}
        {brand.supportEmail ? <a href={`mailto:${brand.supportEmail}`}>{brand.supportEmail}</a> : null}
        {brand.supportEmail && brand.supportPhone ? ' · ' : null}
        {brand.supportPhone ? <a href={`tel:${brand.supportPhone.replace(/[^\d+]/g, '')}`} dir="ltr">{brand.supportPhone}</a> : null}
      </p>
    </footer>
  );
}
