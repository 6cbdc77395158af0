// The shared review's board, the same on both sides of it: the customer's
// page (room-review-page.tsx) and the agent's (workspace/review-page.tsx).
// The server draws the controls in the reader's words and where the review
// stands; /assets/review.js (client/review/board.ts) draws the PDF's page,
// the marks and the other side's pointer, and keeps them live.
import type { ReviewView } from '../../contract/reviews';
import type { Translate } from '../../i18n/translate';
import { leaderText } from './review-words';

export interface ReviewBoardProps {
  t: Translate;
  view: ReviewView;
  /** The reader, as the review names its members: "agent" or "participant:<id>". */
  me: string;
  /** May mark and lead now (not after the review or the session ended). */
  mayAct: boolean;
  /** Display names by member key, for the marks and the pointer. */
  names: Record<string, string>;
  /** The review's API: /room/api/reviews/{id} or /api/v1/sessions/{s}/reviews/{id}. */
  api: string;
  /** The session's socket: /room/api/ws or /api/v1/sessions/{s}/ws. */
  socket: string;
  version: number;
}

export function ReviewBoard({ t, view, me, mayAct, names, api, socket, version }: ReviewBoardProps) {
  const { review, item } = view;
  const open = mayAct && review.endedAt === null;
  return (
    <section
      id="review"
      class="rv"
      aria-labelledby="rv-title"
      data-item-id={item.id}
      data-me={me}
      data-may-act={open ? 'true' : 'false'}
      data-names={JSON.stringify(names)}
      data-api={api}
      data-socket={socket}
      data-version={version}
    >
      <h1 id="rv-title">{item.name}</h1>
      <p class="muted">{t('review.intro')}</p>
      <p id="rv-status" role="status">
        {review.endedAt !== null ? t('review.ended') : !mayAct ? t('review.limited') : leaderText(t, review.leader, me, names)}
      </p>
      <div class="rv-bar">
        <button type="button" id="rv-prev" class="rv-btn" disabled={review.page <= 1}>
          <span aria-hidden="true">‹</span> {t('review.previous')}
        </button>
        <span id="rv-page" class="rv-page">
          {t('review.page', { page: review.page, pages: review.pages })}
        </span>
        <button type="button" id="rv-next" class="rv-btn" disabled={review.page >= review.pages}>
          {t('review.next')} <span aria-hidden="true">›</span>
        </button>
        {open ? (
          <>
            <button type="button" id="rv-lead" class="rv-btn" hidden={review.leader === me}>
              {t('review.take_lead')}
            </button>
            <label class="rv-follow">
              <input type="checkbox" id="rv-follow" checked /> {t('review.follow')}
            </label>
          </>
        ) : null}
      </div>
      {open ? (
        <fieldset class="rv-tools">
          <legend>{t('review.tools')}</legend>
          {(['point', 'highlight', 'comment'] as const).map((tool) => (
            <label class="rv-tool">
              <input type="radio" name="rv-tool" value={tool} checked={tool === 'point'} /> {t(`review.tool.${tool}`)}
            </label>
          ))}
          <p id="rv-hint" class="muted">
            {t('review.hint.point')}
          </p>
        </fieldset>
      ) : null}
      <p id="rv-error" class="error" role="alert" />
      {/* The page is drawn here; the marks and the pointer sit over it in fractions of its size. */}
      <div id="rv-stage" class="rv-stage" tabindex={0} role="img" aria-label={t('review.page', { page: review.page, pages: review.pages })}>
        <canvas id="rv-canvas" aria-hidden="true" />
        <div id="rv-layer" class="rv-layer" />
        <div id="rv-pointer" class="rv-pointer" hidden>
          <span class="rv-pointer-name" />
        </div>
      </div>
      <form id="rv-comment" class="rv-comment" hidden novalidate>
        <label for="rv-comment-text">{t('review.comment.label')}</label>
        <textarea id="rv-comment-text" maxlength={1000} rows={3} required />
        <div class="rv-row">
          <button type="submit" class="rv-btn rv-primary">
            {t('review.comment.add')}
          </button>
          <button type="button" id="rv-comment-cancel" class="rv-btn">
            {t('review.comment.cancel')}
          </button>
        </div>
      </form>
      <section aria-labelledby="rv-marks-h" class="rv-marks">
        <h2 id="rv-marks-h">{t('review.marks')}</h2>
        <ol id="rv-marks" />
        <p id="rv-marks-none" class="muted" hidden={review.annotations.length > 0}>
          {t('review.marks.none')}
        </p>
      </section>
    </section>
  );
}
