// Keeps an open session fresh on the card: a setTimeout chain (each refresh
// schedules the next once it has answered, so calls never pile up) paced by
// poll-schedule.ts. It stops when the card unmounts, when another session is
// opened, and when the session reaches a final state (`open` turns false).
import { useEffect, useRef } from 'react';
import { firstPollDelay, nextPollDelay, type PollOutcome } from './poll-schedule';

export function useSessionPolling(sessionId: string | null, open: boolean, refresh: () => Promise<PollOutcome>): void {
  // The latest refresh, without restarting the chain each render.
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    if (!sessionId || !open) return undefined;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wait = (delay: number) => {
      timer = setTimeout(() => void tick(delay), delay);
    };
    const tick = async (delay: number) => {
      const outcome = await refreshRef.current();
      if (stopped) return;
      const next = nextPollDelay(outcome, delay);
      if (next !== null) wait(next);
    };
    wait(firstPollDelay());
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sessionId, open]);
}
