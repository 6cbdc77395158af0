// Shared review from the session page: a document's "Review together" opens
// it for review with the customer (POST …/reviews) and takes the agent to
// the review's page, where the board runs (client/review.ts).
import { api, sentence, type SessionPageHost } from './common';

export function reviews(host: SessionPageHost): { onClick(target: HTMLButtonElement): boolean } {
  const { base, problem } = host;

  async function start(button: HTMLButtonElement): Promise<void> {
    if (button.getAttribute('aria-busy')) return;
    problem('');
    button.setAttribute('aria-busy', 'true');
    const r = await api<{ item: { id: string } }>('POST', `${base}/reviews`, { sourceItemId: button.dataset.review });
    button.removeAttribute('aria-busy');
    if (!r.ok) return problem(sentence(r.error.message));
    location.href = `/app${base}/reviews/${r.data.item.id}`;
  }

  return {
    onClick(target) {
      if (!target.dataset.review) return false;
      void start(target);
      return true;
    },
  };
}
