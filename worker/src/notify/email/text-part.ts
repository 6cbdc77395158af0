// The plain-text part of an email, made from its HTML. Every email Parley
// sends carries both: mail clients that show no HTML (and spam filters, which
// distrust HTML-only mail) read this one. It is for people, not for parsers:
// paragraphs stay paragraphs, a link keeps its address next to its words, and
// nothing of the markup is left. No dependency: the HTML is Parley's own
// templates (notification settings), small and simple, so a tokenizer that
// walks tags and text is enough; anything it does not know is dropped to text.

/** Elements whose content is not text a reader should see. */
const HIDDEN = new Set(['head', 'title', 'style', 'script', 'template', 'noscript', 'svg']);
/** Elements that stand apart as paragraphs: a blank line before and after. */
const PARAGRAPHS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'table', 'blockquote', 'pre', 'section', 'article',
  'header', 'footer', 'main', 'nav', 'aside', 'form', 'fieldset', 'figure', 'address', 'center', 'hr',
]);
/** Elements that start on a line of their own. */
const LINES = new Set(['li', 'tr', 'dt', 'dd', 'caption', 'figcaption']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '',
  copy: '©', reg: '®', trade: '™', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', deg: '°',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', times: '×', divide: '÷', plusmn: '±',
  ensp: ' ', emsp: ' ', thinsp: ' ', zwnj: '', zwj: '', iexcl: '¡', iquest: '¿',
};

/** `&amp;`, `&#233;`, `&#xE9;` → their characters; an unknown name stays as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    // NUL, surrogates and anything past Unicode's range are not characters (HTML maps them to U+FFFD).
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}

// A comment, a doctype or processing instruction, or a start/end tag with its
// attributes (quoted values may hold '>').
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributes(source: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return out;
}

/** Builds the text: words, line breaks and paragraph breaks, never more than one blank line. */
class TextWriter {
  text = '';
  private pendingBreaks = 0;

  /** Text as HTML shows it: runs of whitespace are one space (unless `verbatim`, inside <pre>). */
  write(raw: string, verbatim = false): void {
    let s = verbatim ? raw : raw.replace(/[ \t\n\r\f]+/g, ' ');
    if (s === '') return;
    this.flushBreaks();
    const atLineStart = this.text === '' || this.text.endsWith('\n');
    if (!verbatim && (atLineStart || this.text.endsWith(' '))) s = s.replace(/^ /, '');
    this.text += s;
  }

  /** A line break of its own (<br>): two in a row make a blank line. */
  newline(): void {
    this.flushBreaks();
    this.text = this.text.replace(/ +$/, '') + '\n';
  }

  /** At least `lines` line breaks before whatever comes next (1: a new line, 2: a new paragraph). */
  breakBefore(lines: 1 | 2): void {
    this.pendingBreaks = Math.max(this.pendingBreaks, lines);
  }

  private flushBreaks(): void {
    if (this.pendingBreaks === 0) return;
    if (this.text !== '') {
      this.text = this.text.replace(/ +$/, '');
      const have = /\n*$/.exec(this.text)![0].length;
      this.text += '\n'.repeat(Math.max(0, this.pendingBreaks - have));
    }
    this.pendingBreaks = 0;
  }
}

/** A link worth writing out: http(s), mailto or tel, not an in-page anchor or script. */
function shownHref(href: string | undefined): string | null {
  const h = href?.trim();
  if (!h || h.startsWith('#') || /^javascript:/i.test(h)) return null;
  return h.replace(/^(mailto|tel):/i, '');
}

/** "https://x.org/a/" and "x.org/a" say the same address to a reader. */
const sameAddress = (text: string, href: string) => {
  const plain = (s: string) => s.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/$/, '');
  return plain(text) === plain(href);
};

export function textFromHtml(html: string): string {
  const out = new TextWriter();
  const links: Array<{ href: string | null; start: number }> = [];
  const lists: Array<{ ordered: boolean; next: number }> = [];
  let hidden: string | null = null; // inside <style>…</style> and the like: skipped up to its end tag
  let pre = 0;
  let last = 0;

  const text = (raw: string) => {
    if (hidden === null && raw !== '') out.write(decodeEntities(raw), pre > 0);
  };

  for (const m of html.matchAll(TOKEN)) {
    text(html.slice(last, m.index));
    last = m.index + m[0].length;
    const name = m[2]?.toLowerCase();
    if (name === undefined) continue; // comment, doctype, processing instruction
    const closing = m[1] === '/';

    if (hidden !== null) {
      if (closing && name === hidden) hidden = null;
      continue;
    }
    if (HIDDEN.has(name)) {
      if (!closing && !/\/\s*$/.test(m[3]!)) hidden = name;
      continue;
    }
    if (PARAGRAPHS.has(name)) out.breakBefore(2);
    else if (LINES.has(name)) out.breakBefore(1);

    if (closing) {
      if (name === 'a') {
        const link = links.pop();
        if (link?.href) {
          const words = out.text.slice(link.start).trim();
          if (words === '') out.write(link.href);
          else if (!sameAddress(words, link.href)) out.write(` (${link.href})`);
        }
      } else if (name === 'pre') pre = Math.max(0, pre - 1);
      else if (name === 'ul' || name === 'ol') lists.pop();
      else if (name === 'td' || name === 'th') out.write(' ');
      continue;
    }

    const attrs = attributes(m[3]!);
    switch (name) {
      case 'br':
        out.newline();
        break;
      case 'a':
        // Where the link's words start. Trailing whitespace may still be trimmed
        // by a line break, so count from before it (the words are trimmed anyway).
        links.push({ href: shownHref(attrs.get('href')), start: out.text.replace(/\s+$/, '').length });
        break;
      case 'img': {
        const alt = attrs.get('alt')?.trim();
        if (alt) out.write(` ${alt} `);
        break;
      }
      case 'pre':
        pre++;
        break;
      case 'ul':
      case 'ol':
        lists.push({ ordered: name === 'ol', next: Number(attrs.get('start')) || 1 });
        break;
      case 'li': {
        const list = lists.at(-1);
        out.write(list?.ordered ? `${list.next++}. ` : '- ');
        break;
      }
    }
  }
  text(html.slice(last));

  return out.text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
