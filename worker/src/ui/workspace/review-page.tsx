// The agent's side of a shared review (GET /app/sessions/:id/reviews/:itemId):
// the same board as the customer's (review/review-board.tsx), in the
// workspace's English, with the end button only the agent has.
import type { ReviewView } from '../../contract/reviews';
import type { AgentRoomView } from '../../contract/session';
import type { AgentRecord } from '../../directory/agents';
import { reviewMessages } from '../../i18n/messages/review';
import { makeTranslator } from '../../i18n/translate';
import { ReviewBoard } from '../review/review-board';
import { AGENT_REVIEW_TEXTS } from '../review/review-words';
import { WsLayout } from './layout';

const AGENT_TEXTS = { ...reviewMessages.en, ...AGENT_REVIEW_TEXTS };
const t = makeTranslator('en', AGENT_TEXTS);

export function ReviewPage({ agent, session, review }: { agent: AgentRecord; session: AgentRoomView; review: ReviewView }) {
  const sessionId = session.session.id;
  const names = Object.fromEntries(session.participants.map((p) => [`participant:${p.id}`, p.name]));
  return (
    <WsLayout title={`Review: ${review.item.name}`} agent={agent} script="/assets/review.js" styles={['/assets/review.css']} messages={AGENT_TEXTS}>
      <p class="ws-back">
        <a href={`/app/sessions/${sessionId}`}>← {t('review.back')}</a>
      </p>
      <ReviewBoard
        t={t}
        view={review}
        me="agent"
        mayAct={session.session.status !== 'ended' && session.session.status !== 'closed'}
        names={names}
        api={`/api/v1/sessions/${sessionId}/reviews/${review.item.id}`}
        socket={`/api/v1/sessions/${sessionId}/ws`}
        version={session.session.version}
      />
      {review.review.endedAt === null ? (
        <form id="rv-end" class="ws-row">
          <button type="submit" class="ws-btn">
            End the review
          </button>
        </form>
      ) : null}
    </WsLayout>
  );
}
