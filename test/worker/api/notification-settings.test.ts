// The org's notification settings over the API: everyone reads, admins change.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_SETTINGS as D } from '../../../worker/src/domain/notification-settings';
import { orgNotificationSettings } from '../../../worker/src/directory/notification-settings-store';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const PATH = '/api/v1/settings/notifications';

describe('notification settings', () => {
  it('are read by agents and admins, with the defaults filled in', async () => {
    const org = await makeOrg();
    for (const agent of [org.admin, org.alice]) {
      const res = await call('GET', PATH, { token: agent.token });
      expect(res.status).toBe(200);
      expect(res.json.settings).toEqual(D);
      expect(res.json.defaults).toEqual(D);
      expect(res.json.placeholders).toEqual(['{customerName}', '{roleName}', '{agentName}', '{orgName}', '{link}']);
      expect(res.json.limits).toMatchObject({ smsLong: 70, smsShort: 130, emailSubject: 200, emailHtml: 20000, smsSenderName: 11 });
    }
    expect((await call('GET', PATH)).status).toBe(401);
  });

  it('are changed by admins only, a few fields at a time, per org', async () => {
    const org = await makeOrg();
    const other = await makeOrg('Other');
    const denied = await call('PATCH', PATH, { token: org.alice.token, body: { general: { shortLinks: 'not even valid' } } });
    expect(denied.status).toBe(403);
    expect(denied.json.error.code).toBe('admin_only');

    const first = await call('PATCH', PATH, {
      token: org.admin.token,
      body: { general: { smsSenderName: 'Acme', timeZone: 'Europe/Berlin' }, messages: { invitation: { smsShort: 'Hi {customerName}, {orgName} here:' } } },
    });
    expect(first.status).toBe(200);
    await call('PATCH', PATH, { token: org.admin.token, body: { reminders: { weekdays: ['mon', 'wed'], from: '08:30' } } });

    const read = await call('GET', PATH, { token: org.alice.token });
    expect(read.json.settings.general).toEqual({ ...D.general, smsSenderName: 'Acme', timeZone: 'Europe/Berlin' });
    expect(read.json.settings.messages.invitation).toEqual({ ...D.messages.invitation, smsShort: 'Hi {customerName}, {orgName} here:' });
    expect(read.json.settings.messages.reminder).toEqual(D.messages.reminder);
    expect(read.json.settings.reminders).toEqual({ ...D.reminders, weekdays: ['mon', 'wed'], from: '08:30' });
    expect((await orgNotificationSettings(env.DB, org.id)).general.smsSenderName).toBe('Acme');
    expect((await call('GET', PATH, { token: other.admin.token })).json.settings).toEqual(D);
  });

  it('refuse bad values naming the field and the limit, and keep what was saved', async () => {
    const org = await makeOrg();
    await call('PATCH', PATH, { token: org.admin.token, body: { reminders: { to: '17:00' } } });
    const long = await call('PATCH', PATH, {
      token: org.admin.token,
      body: { general: { smsSenderName: 'Twelve chars' }, messages: { invitation: { smsLong: 'x'.repeat(71) } } },
    });
    expect(long.status).toBe(422);
    expect(long.json.error.issues).toEqual([
      { field: 'body.general.smsSenderName', message: 'must be at most 11 characters (SMS sender names allow no more)' },
      { field: 'body.messages.invitation.smsLong', message: 'must be at most 70 characters (the long link is added after it)' },
    ]);
    // A rule across fields: the saved window ends at 17:00, so it cannot start at 18:00.
    const window = await call('PATCH', PATH, { token: org.admin.token, body: { reminders: { from: '18:00' } } });
    expect(window.status).toBe(422);
    expect(window.json.error).toEqual({ code: 'invalid_request', message: 'body.reminders.to: must be later than from (the range is within one day)' });
    const unknown = await call('PATCH', PATH, { token: org.admin.token, body: { messages: { welcome: { smsLong: 'Hi' } } } });
    expect(unknown.status).toBe(422);

    const kept = (await call('GET', PATH, { token: org.admin.token })).json.settings;
    expect(kept.general.smsSenderName).toBe(D.general.smsSenderName);
    expect(kept.messages.invitation.smsLong).toBe(D.messages.invitation.smsLong);
    expect(kept.reminders).toMatchObject({ from: D.reminders.from, to: '17:00' });
  });

  it('take all four email bodies at their longest in one change, even with every character escaped', async () => {
    const org = await makeOrg();
    const longest = `{link} ${'é'.repeat(19_993)}`;
    const messages = Object.fromEntries(['invitation', 'invitationAdditional', 'reminder', 'newActivity'].map((m) => [m, { emailHtml: longest }]));
    const escaped = JSON.stringify({ messages }).replace(/é/g, '\\u00e9');
    expect(escaped.length).toBeGreaterThan(400_000);
    const res = await call('PATCH', PATH, { token: org.admin.token, body: escaped, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.json.settings.messages.reminder.emailHtml).toBe(longest);
  });

  it("word the next invitations, by SMS and email, with the long link when short links are off", async () => {
    const org = await makeOrg('Acme & Sons');
    await call('PATCH', PATH, {
      token: org.admin.token,
      body: {
        general: { shortLinks: false },
        messages: { invitation: { smsLong: '{orgName} has a room for {customerName}', emailSubject: 'Your room, {customerName}', emailHtml: '<b>{agentName}</b> <a href="{link}">in</a>' } },
      },
    });
    const bySms = await startSession(org.alice, { name: 'Sam <Sms>', phone: '+14155550123' });
    const [sms] = await outboxFor(bySms.session.id);
    expect(sms!.link).toMatch(/\/room\/join\/[A-Za-z0-9_-]{43}$/);
    expect(sms!.body).toBe(`Acme & Sons has a room for Sam <Sms> ${sms!.link}`);
    expect((await new Browser().open(sms!.link)).status).toBe(303);

    const byEmail = await startSession(org.alice, { name: 'Cora <C>', email: `cora-${crypto.randomUUID()}@example.com` });
    const [email] = await outboxFor(byEmail.session.id);
    expect(email!.subject).toBe('Your room, Cora <C>');
    // The admin's text, as written, inside the org's branded email (notify/email/branded-email.ts).
    expect(email!.body).toContain(`<td style="padding:8px 24px 20px;font-size:16px;line-height:1.5"><b>Alice Agent</b> <a href="${email!.link}">in</a></td>`);
  });
});
