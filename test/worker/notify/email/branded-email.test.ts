// The brand around every email: the logo (an absolute URL) or the display
// name, the accent colour, the support footer in the recipient's language,
// everything the admin typed escaped; the plain-text part reads it too.
import { describe, expect, it } from 'vitest';
import { brandEmail, brandedEmailHtml, PARLEY_ACCENT } from '../../../../worker/src/notify/email/branded-email';
import { textFromHtml } from '../../../../worker/src/notify/email/text-part';
import { plainBrand, type BrandView } from '../../../../worker/src/contract/branding';

const brand: BrandView = {
  displayName: 'Acme "Homes" <b>',
  color: '#0B5CAD',
  logoUrl: '/brand/org_1/logo?v=0123456789abcdef',
  themeUrl: '/brand/org_1/theme.css?v=0b5cad',
  supportEmail: 'help@acme.example',
  supportPhone: '+14155550123',
};
const BODY = '<p>Hello Cora, <a href="https://parley.test/j/abc">open your room</a>.</p>';

describe('a branded email', () => {
  it('has the logo as an absolute URL with the display name as its text, the accent and the support footer', () => {
    const html = brandedEmailHtml(BODY, brand, 'https://parley.test');
    expect(html).toContain('<img src="https://parley.test/brand/org_1/logo?v=0123456789abcdef" alt="Acme &quot;Homes&quot; &lt;b&gt;"');
    expect(html).not.toContain('<b>');
    expect(html).toContain('border-top:4px solid #0B5CAD');
    expect(html).toContain(BODY);
    expect(html).toContain('Questions? Contact Acme &quot;Homes&quot; &lt;b&gt;:');
    expect(html).toContain('<a href="mailto:help@acme.example" style="color:#444">help@acme.example</a>');
    expect(html).toContain('<a href="tel:+14155550123" style="color:#444">+14155550123</a>');
    expect(html).toContain('<html lang="en" dir="ltr">');
  });

  it('shows the name without a logo, Parley’s accent without a colour, and no footer without a contact', () => {
    const html = brandedEmailHtml(BODY, plainBrand('Acme & Co'), 'https://parley.test');
    expect(html).not.toContain('<img');
    expect(html).toContain('>Acme &amp; Co</strong>');
    expect(html).toContain(`border-top:4px solid ${PARLEY_ACCENT}`);
    expect(html).not.toContain('Questions?');
  });

  it('speaks the recipient’s language, right to left in Hebrew', () => {
    const html = brandedEmailHtml(BODY, brand, 'https://parley.test', 'he');
    expect(html).toContain('<html lang="he" dir="rtl">');
    expect(html).toContain('יש שאלות?');
    expect(brandedEmailHtml(BODY, brand, 'https://parley.test', 'de-AT')).toContain('Fragen? So erreichen Sie');
  });

  it('reads as text with the name, the link and the support contact', () => {
    const text = textFromHtml(brandedEmailHtml(BODY, brand, 'https://parley.test'));
    expect(text).toContain('Acme "Homes" <b>');
    expect(text).toContain('open your room (https://parley.test/j/abc)');
    expect(text).toContain('help@acme.example');
    expect(text).not.toMatch(/<(img|a|table|td|p|strong)\b|style=/);
  });

  it('wraps emails only: a text message stays as it is', () => {
    const base = { id: 'msg_1', org_id: 'org_1', session_id: 'ses_1', participant_id: 'par_1', kind: 'invitation_primary' as const, subject: null, link: 'https://parley.test/j/abc' };
    const sms = { ...base, channel: 'sms' as const, recipient: '+14155550123', body: 'Open https://parley.test/j/abc' };
    expect(brandEmail(sms, brand, 'https://parley.test')).toBe(sms);
    const email = { ...base, channel: 'email' as const, recipient: 'cora@example.com', subject: 'Hello', body: BODY };
    expect(brandEmail(email, brand, 'https://parley.test', 'fr').body).toContain('Des questions ? Contactez');
  });
});
