import { describe, expect, it } from 'vitest';
import { invitationText, type InvitationInput } from '../../../worker/src/notify/invitation';
import { applyNotificationPatch, DEFAULT_NOTIFICATION_SETTINGS } from '../../../worker/src/domain/notification-settings';

const input: InvitationInput = {
  kind: 'invitation_primary',
  recipientName: 'Cora <Customer>',
  roleName: 'Customer',
  agentName: 'Alice',
  orgName: 'Acme & Sons',
  longUrl: `https://parley.test/room/join/${'t'.repeat(43)}`,
  shortUrl: `https://parley.test/r/${'c'.repeat(22)}`,
};

function orgWith(patch: unknown) {
  const out = applyNotificationPatch({}, patch);
  if (!out.ok) throw new Error(JSON.stringify(out.issues));
  return out.settings;
}

describe('invitationText', () => {
  it("uses Parley's default wording when the org changed nothing: short link by SMS, long link in the HTML email", () => {
    const text = invitationText(input);
    expect(text.sms).toBe(`Hi Cora <Customer>, Alice from Acme & Sons invited you to a secure room. Open it here: ${input.shortUrl}`);
    expect(text.smsLink).toBe(input.shortUrl);
    expect(text.emailSubject).toBe('Alice from Acme & Sons invited you to a secure room');
    expect(text.emailHtml).toContain('<p>Hello Cora &lt;Customer&gt;,</p>');
    expect(text.emailHtml).toContain(`<a href="${input.longUrl}">`);
    expect(text).toEqual(invitationText({ ...input, notifications: DEFAULT_NOTIFICATION_SETTINGS }));
  });

  it("uses the org's texts, and the long-link SMS when short links are off", () => {
    const notifications = orgWith({
      general: { shortLinks: false },
      messages: {
        invitation: { smsLong: '{orgName} has a room for you', emailSubject: 'Your room, {customerName}', emailHtml: '<b>{agentName}</b> <a href="{link}">in</a>' },
        invitationAdditional: { smsLong: '{agentName} needs you as {roleName}' },
      },
    });
    const primary = invitationText({ ...input, notifications });
    expect(primary).toEqual({
      sms: `Acme & Sons has a room for you ${input.longUrl}`,
      smsLink: input.longUrl,
      emailSubject: 'Your room, Cora <Customer>',
      emailHtml: `<b>Alice</b> <a href="${input.longUrl}">in</a>`,
    });
    const additional = invitationText({ ...input, kind: 'invitation_additional', recipientName: 'Colin', roleName: 'Co-signer', notifications });
    expect(additional.sms).toBe(`Alice needs you as Co-signer ${input.longUrl}`);
    expect(additional.emailSubject).toBe(DEFAULT_NOTIFICATION_SETTINGS.messages.invitationAdditional.emailSubject.replace('{agentName}', 'Alice').replace('{orgName}', 'Acme & Sons').replace('{roleName}', 'Co-signer'));
  });
});
