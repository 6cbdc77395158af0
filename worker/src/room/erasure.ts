// What erasing a person does to text and to stored event payloads, with no
// I/O (room/forgetting.ts applies it). The event log is otherwise append-only;
// erasure is the one change that rewrites it, because agents replay it
// (GET /sessions/{id}/events, a socket catching up) and write-back publishes
// what is still unpublished: a payload that kept the person's name, address,
// IP or words would bring them back.
import { FORGOTTEN_NAME, REMOVED_MENTION, REMOVED_MESSAGE_TEXT } from '../contract/privacy';

/** The person's identifiers, as they may appear in text other people wrote. */
export interface Mentions {
  names: string[];
  emails: string[];
  phones: string[];
}

/** Names shorter than this are not looked for in text: "Al" would take words with it. */
const MIN_NAME_LENGTH = 3;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A function that replaces the person's name, emails and phone numbers in a
 * text with a neutral mark: whole words only, any case. Identity when there is
 * nothing to look for.
 */
export function mentionScrubber(m: Mentions): (text: string) => string {
  const words = [
    ...m.emails.map((e) => e.trim()).filter((e) => e.length > 0),
    // A number written without its "+" is the same number.
    ...m.phones.flatMap((p) => [p.trim(), p.trim().replace(/^\+/, '')]).filter((p) => p.length >= MIN_NAME_LENGTH),
    ...m.names.map((n) => n.trim()).filter((n) => n.length >= MIN_NAME_LENGTH && n !== FORGOTTEN_NAME),
  ];
  if (words.length === 0) return (text) => text;
  // Longest first: an email is removed whole before the name inside it is looked for.
  const alternatives = [...new Set(words)].sort((a, b) => b.length - a.length).map(escape);
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) => text.replace(pattern, REMOVED_MENTION);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One stored event's data with the forgotten participants erased from it:
 * their name, email, phone and delivery records in any participant payload,
 * the IP and browser their entry or consent was recorded with, a delivery
 * report's reason, their messages' words and files (but a file a document's
 * field holds, `keptFiles`); and their identifiers in messages others wrote.
 * Null when the data holds nothing to erase.
 */
export function eraseFromEventData(data: Json, forgotten: ReadonlySet<string>, scrub: (text: string) => string, keptFiles: ReadonlySet<string>): Json | null {
  const out: Json = { ...data };
  let changed = false;
  const participant = out['participant'];
  if (isObject(participant) && typeof participant['id'] === 'string' && forgotten.has(participant['id'])) {
    const erased: Json = { ...participant, name: FORGOTTEN_NAME, email: null, phone: null, deliveries: [] };
    if (JSON.stringify(erased) !== JSON.stringify(participant)) {
      out['participant'] = erased;
      changed = true;
    }
    for (const key of ['ip', 'userAgent'] as const) {
      if (out[key] !== undefined && out[key] !== null) {
        out[key] = null;
        changed = true;
      }
    }
    const delivery = out['delivery'];
    if (isObject(delivery) && delivery['reason'] !== null) {
      out['delivery'] = { ...delivery, reason: null };
      changed = true;
    }
  }
  const message = out['message'];
  if (isObject(message)) {
    const author = message['author'];
    const theirs = isObject(author) && author['kind'] === 'participant' && typeof author['id'] === 'string' && forgotten.has(author['id']);
    const file = message['file'];
    const keptFile = isObject(file) && typeof file['id'] === 'string' && keptFiles.has(file['id']) ? file : null;
    if (theirs && (message['text'] !== REMOVED_MESSAGE_TEXT || message['file'] !== keptFile)) {
      out['message'] = { ...message, text: REMOVED_MESSAGE_TEXT, file: keptFile };
      changed = true;
    } else if (!theirs && typeof message['text'] === 'string') {
      const text = scrub(message['text']);
      if (text !== message['text']) {
        out['message'] = { ...message, text };
        changed = true;
      }
    }
  }
  return changed ? out : null;
}
