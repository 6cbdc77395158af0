// The texts of an invitation, in the org's words (SPEC §7) and the
// recipient's language: the SMS with the short link when short links are on,
// else with the long link; the email's subject and HTML body, with every name
// HTML-escaped.
import { DEFAULT_NOTIFICATION_SETTINGS, messagesIn, renderMessage, type MessageType, type NotificationSettings, type RenderedMessage } from '../domain/notification-settings';
import type { Locale } from '../i18n/locales';

export interface InvitationInput {
  kind: 'invitation_primary' | 'invitation_additional';
  recipientName: string;
  /** The recipient's part in the session: {roleName}. */
  roleName: string;
  agentName: string;
  orgName: string;
  longUrl: string;
  shortUrl: string;
  /** The org's settings (orgNotificationSettings); Parley's defaults when absent. */
  notifications?: NotificationSettings;
  /** The recipient's language; null or absent: English. */
  language?: Locale | null | undefined;
}

const MESSAGE_OF: Record<InvitationInput['kind'], MessageType> = {
  invitation_primary: 'invitation',
  invitation_additional: 'invitationAdditional',
};

export function invitationText(i: InvitationInput): RenderedMessage {
  const settings = i.notifications ?? DEFAULT_NOTIFICATION_SETTINGS;
  return renderMessage(
    messagesIn(settings, i.language ?? null)[MESSAGE_OF[i.kind]],
    { customerName: i.recipientName, roleName: i.roleName, agentName: i.agentName, orgName: i.orgName },
    { longUrl: i.longUrl, shortUrl: i.shortUrl },
    settings.general.shortLinks,
  );
}
