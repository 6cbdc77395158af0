// Reading `from` and `to` the way a mail header would: an address alone, or
// a display name and an address in angle brackets ("Send Email": from). The
// name is an RFC 5322 phrase — words, quoted strings, RFC 2047 encoded-words —
// so a bare comma or parenthesis in it is refused, as it would split or
// garble the header, and what a test reads back is the decoded name.

export interface Mailbox {
  address: string;
  /** The display name as a reader sees it (quotes removed, encoded-words decoded); null when there is none. */
  name: string | null;
}

const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
/** RFC 5322 atext, plus "." (obsolete phrases allow it) and anything beyond ASCII (RFC 6532). */
const WORD_CHAR = /[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.\u0080-\uffff]/;
const ENCODED_WORD = /^=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/;

export const isAddress = (s: string): boolean => ADDRESS.test(s) && /^[\x21-\x7e]+$/.test(s);

function decodeEncodedWord(charset: string, encoding: string, text: string): string | null {
  if (!/^utf-?8$/i.test(charset) && !/^us-ascii$/i.test(charset)) return null;
  let bytes: Uint8Array;
  try {
    if (encoding.toUpperCase() === 'B') bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    else {
      const raw = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    }
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** The phrase before <address>, decoded; null when it is not a valid phrase. */
function readPhrase(phrase: string): string | null {
  const parts: Array<{ text: string; encoded: boolean }> = [];
  let i = 0;
  while (i < phrase.length) {
    const rest = phrase.slice(i);
    if (/^\s/.test(rest)) {
      i++;
      continue;
    }
    if (rest.startsWith('"')) {
      let text = '';
      let j = 1;
      for (; j < rest.length && rest[j] !== '"'; j++) text += rest[j] === '\\' ? (rest[++j] ?? '') : rest[j];
      if (j >= rest.length) return null; // unterminated quoted string
      parts.push({ text, encoded: false });
      i += j + 1;
      continue;
    }
    const encoded = ENCODED_WORD.exec(rest);
    if (encoded) {
      const text = decodeEncodedWord(encoded[1]!, encoded[2]!, encoded[3]!);
      if (text === null) return null;
      parts.push({ text, encoded: true });
      i += encoded[0].length;
      continue;
    }
    let j = 0;
    while (j < rest.length && WORD_CHAR.test(rest[j]!)) j++;
    if (j === 0) return null; // a special outside quotes: , ; : < > ( ) [ ] @ \
    parts.push({ text: rest.slice(0, j), encoded: false });
    i += j;
  }
  // Whitespace between two encoded-words is not part of the name (RFC 2047 §6.2).
  return parts.reduce((name, part, k) => name + (k > 0 && !(part.encoded && parts[k - 1]!.encoded) ? ' ' : '') + part.text, '');
}

/** `Name <a@b.org>` or `a@b.org` → its parts; null when it is neither. */
export function parseMailbox(value: string): Mailbox | null {
  const trimmed = value.trim();
  const angle = /^([\s\S]*?)<([^<>]*)>$/.exec(trimmed);
  if (!angle) return isAddress(trimmed) ? { address: trimmed, name: null } : null;
  const address = angle[2]!.trim();
  if (!isAddress(address)) return null;
  const phrase = angle[1]!.trim();
  if (phrase === '') return { address, name: null };
  const name = readPhrase(phrase);
  return name === null ? null : { address, name };
}
