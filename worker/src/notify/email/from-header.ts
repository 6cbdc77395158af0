// The From of an email: a display name and an address, as a mail header must
// spell them. Resend takes `Name <address>` and puts it in the header
// ("Send Email": from), so the name has to be a valid RFC 5322 phrase:
//  - plain words (letters, digits and !#$%&'*+-/=?^_`{|}~) as they are;
//  - ASCII with specials — "Doe, Jane", "Acme (EU)", a quote — as a quoted
//    string, or a comma would split it into two mailboxes;
//  - anything else (é, ü, 漢字) as RFC 2047 encoded-words, =?UTF-8?B?…?=,
//    since header fields are ASCII (and Amazon SES, which Resend sends
//    through, asks for exactly this encoding of a non-ASCII sender name).

/** RFC 5322 atext: what a word of a name may hold without quotes. */
const ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+$/;
/** An encoded-word is at most 75 characters: "=?UTF-8?B?" + 60 base64 characters (45 bytes) + "?=". */
const ENCODED_WORD_BYTES = 45;

/** A plain address: local@domain in ASCII, nothing a header would read as structure. */
export function isPlainAddress(address: string): boolean {
  return /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(address) && /^[\x21-\x7e]+$/.test(address);
}

function encodedWords(name: string): string {
  const encoder = new TextEncoder();
  const words: number[][] = [];
  const chunk: number[] = [];
  // Split between characters, never inside one, so each word decodes on its own.
  for (const ch of name) {
    const bytes = encoder.encode(ch);
    if (chunk.length + bytes.length > ENCODED_WORD_BYTES) words.push(chunk.splice(0));
    chunk.push(...bytes);
  }
  if (chunk.length > 0) words.push(chunk);
  return words.map((bytes) => `=?UTF-8?B?${btoa(String.fromCharCode(...bytes))}?=`).join(' ');
}

/** A display name as a header phrase: bare, quoted or encoded, whichever it needs. */
export function displayName(name: string): string {
  // Line breaks and tabs would end or fold the header; other control characters are not text.
  const clean = name.replace(/\s+/g, ' ').replace(/[\x00-\x1f\x7f]/g, '').trim();
  if (clean.split(' ').every((word) => ATOM.test(word))) return clean;
  if (/^[\x20-\x7e]*$/.test(clean)) return `"${clean.replace(/(["\\])/g, '\\$1')}"`;
  return encodedWords(clean);
}

/** `Name <address>`, or the bare address when there is no name. */
export function fromHeader(name: string | null, address: string): string {
  const phrase = name === null ? '' : displayName(name);
  return phrase === '' ? address : `${phrase} <${address}>`;
}
