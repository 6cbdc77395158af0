// The plain-text part of every email: what a reader without HTML sees.
import { describe, expect, it } from 'vitest';
import { renderMessage, DEFAULT_NOTIFICATION_SETTINGS } from '../../../../worker/src/domain/notification-settings';
import { decodeEntities, textFromHtml } from '../../../../worker/src/notify/email/text-part';

describe('textFromHtml', () => {
  it('turns Parley’s invitation into readable text, the link spelled out', () => {
    const rendered = renderMessage(
      DEFAULT_NOTIFICATION_SETTINGS.messages.invitation,
      { customerName: 'Dana <Demo> & Co', roleName: 'Signer', agentName: 'Alex Agent', orgName: 'Demo Org' },
      { longUrl: 'https://parley.example/r/abc?x=1&y=2', shortUrl: 'https://parley.example/s/x' },
      false,
    );
    expect(textFromHtml(rendered.emailHtml)).toBe(
      [
        'Hello Dana <Demo> & Co,',
        'Alex Agent from Demo Org invited you to a secure room where you can chat, share files and sign documents together.',
        'Open your room (https://parley.example/r/abc?x=1&y=2)',
        'If the button does not work, copy this address into your browser: https://parley.example/r/abc?x=1&y=2',
        'This link is yours alone; please do not forward it.',
      ].join('\n\n'),
    );
  });

  it('keeps paragraphs apart and <br> as a line break', () => {
    expect(textFromHtml('<p>One</p><p>Two<br>Three<br/><br />Four</p>')).toBe('One\n\nTwo\nThree\n\nFour');
    expect(textFromHtml('<div><h1>Title</h1><div>Body</div></div>')).toBe('Title\n\nBody');
  });

  it('writes a link as "words (address)", but once when the words are the address', () => {
    expect(textFromHtml('<a href="https://x.org/a">Open</a>')).toBe('Open (https://x.org/a)');
    expect(textFromHtml('<a href="https://x.org/a">https://x.org/a</a>')).toBe('https://x.org/a');
    expect(textFromHtml('Go to <a href="https://x.org/a/">x.org/a</a> now')).toBe('Go to x.org/a now');
    expect(textFromHtml('<a href="https://x.org/a"></a>')).toBe('https://x.org/a');
    expect(textFromHtml('<a href="mailto:help@x.org">Write to us</a>')).toBe('Write to us (help@x.org)');
    expect(textFromHtml('<a href="#top">Back up</a> <a>plain</a>')).toBe('Back up plain');
    expect(textFromHtml("<a title='a > b' href='https://x.org/?a=1&amp;b=2'>Go</a>")).toBe('Go (https://x.org/?a=1&b=2)');
  });

  it('decodes entities, named and numeric, and leaves unknown ones as written', () => {
    expect(textFromHtml('<p>Tom &amp; Jerry &lt;3 &quot;hi&quot; &#233;t&#xE9; &hellip;&nbsp;x &bogus;</p>')).toBe('Tom & Jerry <3 "hi" été … x &bogus;');
    expect(decodeEntities('&#0; &#x110000; &#xD800;')).toBe('\uFFFD \uFFFD \uFFFD');
  });

  it('drops tags, comments, styles and scripts, keeping only what a reader would see', () => {
    const html = '<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body><!-- note --><p>Hi <b>there</b><script>alert(1)</script></p><img src="x.png" alt="Logo"></body></html>';
    expect(textFromHtml(html)).toBe('Hi there\n\nLogo');
  });

  it('tidies whitespace: runs become one space, no blank line runs, nothing at the ends', () => {
    expect(textFromHtml('  <p>  lots\n\n   of\t space  </p>\n\n\n<p></p><p>end </p>  ')).toBe('lots of space\n\nend');
  });

  it('keeps <pre> as written', () => {
    expect(textFromHtml('<p>Code:</p><pre>a  b\n  c</pre>')).toBe('Code:\n\na  b\n  c');
  });

  it('writes lists as lines, numbered when ordered', () => {
    expect(textFromHtml('<p>Steps</p><ol><li>Sign</li><li>Pay</li></ol><ul><li>one</li><li>two</li></ul>')).toBe('Steps\n\n1. Sign\n2. Pay\n\n- one\n- two');
  });

  it('reads text that only looks like markup as text', () => {
    expect(textFromHtml('a < b and c > d')).toBe('a < b and c > d');
    expect(textFromHtml('plain text, no tags')).toBe('plain text, no tags');
    expect(textFromHtml('')).toBe('');
  });
});
