// The reply keywords SMS recipients use to stop, restart or ask about the
// messages they get. Twilio acts on them itself on long codes and toll-free
// numbers ("SMS STOP filtering": it blocks further messages to a number that
// sent STOP, answering 21610 to any send, until it sends START); Parley reads
// the same words from the inbound webhook to record the participant's choice
// as Twilio did, so its own view never disagrees with Twilio's block.

export type SmsKeyword = 'stop' | 'start' | 'help';

// Twilio's default keyword lists, from "Twilio support for opt-out keywords
// (SMS STOP filtering)" (help.twilio.com/articles/223134027) and the Advanced
// Opt-Out guide (twilio.com/docs/messaging/tutorials/advanced-opt-out), which
// list REVOKE and OPTOUT among the defaults since Twilio added them on
// 14 May 2025 for the FCC's opt-out rule.
const KEYWORDS: ReadonlyMap<string, SmsKeyword> = new Map([
  ...['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'].map((word) => [word, 'stop'] as const),
  ...['START', 'YES', 'UNSTOP'].map((word) => [word, 'start'] as const),
  ...['HELP', 'INFO'].map((word) => [word, 'help'] as const),
]);

/**
 * The keyword an inbound SMS is, or null. Twilio matches the whole message,
 * not its first word ("Only single-word messages will trigger the block":
 * "STOP PLEASE" does not stop anything), ignoring case and the whitespace
 * around it. Only ASCII letters count: "ſtop" upper-cases to STOP in
 * JavaScript, but nobody typed STOP.
 */
export function smsKeyword(body: string): SmsKeyword | null {
  const word = body.trim();
  return /^[A-Za-z]+$/.test(word) ? (KEYWORDS.get(word.toUpperCase()) ?? null) : null;
}
