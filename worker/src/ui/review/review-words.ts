// A shared review in the reader's words, for the server's page and the
// board's script alike (so a live redraw says what the page said): who
// leads, who left a mark. Members are "agent" or "participant:<id>"; the
// reader is one of them. The agent's workspace reads the customer's English
// texts with a few of its own (AGENT_REVIEW_TEXTS).
import type { Annotation } from '../../contract/reviews';
import type { Translate } from '../../i18n/translate';

/** Who leads, from the reader's side. */
export function leaderText(t: Translate, leader: string | null, me: string, names: Record<string, string>): string {
  if (leader === me) return t('review.leading.you');
  if (leader === 'agent') return t('review.leading.agent');
  return leader ? t('review.leading.other', { name: names[leader] ?? '…' }) : '';
}

/** Who made a mark, from the reader's side: "you", "your agent", or a name. */
export function whoText(t: Translate, by: string, me: string, names: Record<string, string>): string {
  if (by === me) return t('review.who.you');
  if (by === 'agent') return t('review.who.agent');
  return names[by] ?? '…';
}

/** One line of the marks list. */
export function markText(t: Translate, a: Annotation, me: string, names: Record<string, string>): string {
  const who = whoText(t, a.by, me, names);
  return a.kind === 'comment' ? t('review.mark.comment', { page: a.page, who, text: a.text ?? '' }) : t('review.mark.highlight', { page: a.page, who });
}

/** The name over a member's pointer. */
export function pointerName(t: Translate, who: string, names: Record<string, string>): string {
  return who === 'agent' ? t('review.pointer.agent') : (names[who] ?? '…');
}

/** The agent's side says these its own way; every other text is the customer's English. */
export const AGENT_REVIEW_TEXTS: Readonly<Record<string, string>> = {
  'review.intro': 'You and the customer see the same page, each other’s pointer, and every highlight and comment. Whoever turns the page leads.',
  'review.back': 'Back to the session',
  'review.leading.you': 'You are leading: the customer sees the page you turn to.',
  'review.ended': 'This review has ended. Its highlights and comments stay here and in the session’s log.',
};
