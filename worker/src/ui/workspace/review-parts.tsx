// A shared review's bubble on the session page: where it is (page, who
// leads, how many marks) and the way into it.
import type { ReviewSummary } from '../../contract/apps';
import type { AgentRoomView, ParticipantView } from '../../contract/session';

type Item = AgentRoomView['items'][number];

export function ReviewFacts({ item, app, sessionId, names }: { item: Item; app: ReviewSummary; sessionId: string; names: ParticipantView[] }) {
  const leader = app.leader === 'agent' ? 'you' : (names.find((p) => `participant:${p.id}` === app.leader)?.name ?? 'nobody yet');
  const marks = `${app.annotations} highlight${app.annotations === 1 ? '' : 's'} and comment${app.annotations === 1 ? '' : 's'}`;
  return (
    <>
      <p class="muted" id={`item-${item.id}-review`}>
        {app.endedAt ? `Ended · ${marks}` : `Page ${app.page} of ${app.pages} · led by ${leader} · ${marks}`}
      </p>
      <div class="ws-toolbar" role="group" aria-label={`Actions for ${item.name}`}>
        <a class="ws-tool ws-tool-main" id={`tool-${item.id}-open-review`} href={`/app/sessions/${sessionId}/reviews/${item.id}`}>
          {app.endedAt ? 'See the review' : 'Open the review'}
          <span class="ws-sr"> {item.name}</span>
        </a>
      </div>
    </>
  );
}
