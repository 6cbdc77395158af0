// The texts of an invitation. The admin-editable message templates come with
// the notifications work; these are the defaults they will start from.
export interface InvitationInput {
  kind: 'invitation_primary' | 'invitation_additional';
  recipientName: string;
  roleName: string;
  agentName: string;
  orgName: string;
  longUrl: string;
  shortUrl: string;
}

export interface InvitationText {
  sms: string;
  emailSubject: string;
  emailBody: string;
}

export function invitationText(i: InvitationInput): InvitationText {
  const role = i.kind === 'invitation_additional' ? ` as ${i.roleName}` : '';
  return {
    // Short URL so the whole SMS stays inside one 160-character segment.
    sms: truncate(`${i.orgName}: ${i.agentName} invited you${role} to a secure room.`, 130 - i.shortUrl.length) + ` ${i.shortUrl}`,
    emailSubject: `${i.agentName} from ${i.orgName} invited you${role} to a secure room`,
    emailBody:
      `Hello ${i.recipientName},\n\n${i.agentName} from ${i.orgName} invited you${role} to a secure room ` +
      `to work together online. Open it here:\n\n${i.longUrl}\n\nThis link is personal; please do not forward it.`,
  };
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, Math.max(0, max - 1)) + '…';
}
