// HubSpot's burst limit for an OAuth app: about 100 requests per portal in
// any rolling 10 seconds; past it every call gets 429 until the window moves
// on. Kept as a log of request times per portal, on the fake's clock, so a
// test decides when time passes.

export interface RateLimitOptions {
  max: number;
  intervalMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { max: 100, intervalMs: 10_000 };

export class RollingWindow {
  private readonly times = new Map<string, number[]>();

  private readonly options: () => RateLimitOptions;

  constructor(options: () => RateLimitOptions) {
    this.options = options;
  }

  /** Count a request at `now`; false when the portal is over its limit (the request is then refused and not counted). */
  admit(portalId: string, now: number): { ok: boolean; max: number; remaining: number; intervalMs: number } {
    const { max, intervalMs } = this.options();
    const recent = (this.times.get(portalId) ?? []).filter((t) => t > now - intervalMs);
    const ok = recent.length < max;
    if (ok) recent.push(now);
    this.times.set(portalId, recent);
    return { ok, max, remaining: Math.max(0, max - recent.length), intervalMs };
  }
}
