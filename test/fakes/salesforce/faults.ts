// Planned failures: "answer the next 3 data calls with 503", "for the next
// 2 seconds alternate 503 and 429 with Retry-After: 1, then recover". A plan
// lasts a number of calls or a span of time; when it names several faults,
// the calls it catches get them in turn. Data API calls are caught unless a
// fault says otherwise; the token endpoint only when asked (on: 'token' | 'all').

import { faultBody, json } from './errors.ts';

export interface Fault {
  status: number;
  /** Seconds, sent as the Retry-After header. */
  retryAfter?: number;
  /** The JSON body; the documented body for the status when left out. */
  body?: unknown;
  /** Which calls the fault catches. Default 'data'. */
  on?: 'data' | 'token' | 'all';
}

export type FaultSpan = { calls: number } | { ms: number };

interface Plan {
  faults: Fault[];
  next: number;
  callsLeft?: number;
  until?: number;
}

export class FaultPlans {
  private readonly plans: Plan[] = [];

  add(span: FaultSpan, faults: Fault | Fault[], now: number): void {
    const list = Array.isArray(faults) ? faults : [faults];
    if (list.length === 0) throw new Error('a fault plan needs at least one fault');
    this.plans.push({ faults: list, next: 0, ...('calls' in span ? { callsLeft: span.calls } : { until: now + span.ms }) });
  }

  clear(): void {
    this.plans.length = 0;
  }

  /** The fault this call gets, if a plan catches it; the plan moves on. */
  take(kind: 'data' | 'token', now: number): Fault | undefined {
    for (let i = 0; i < this.plans.length; i++) {
      const plan = this.plans[i]!;
      if ((plan.callsLeft !== undefined && plan.callsLeft <= 0) || (plan.until !== undefined && now >= plan.until)) {
        this.plans.splice(i--, 1);
        continue;
      }
      const fault = plan.faults[plan.next % plan.faults.length]!;
      const on = fault.on ?? 'data';
      if (on !== 'all' && on !== kind) continue;
      plan.next++;
      if (plan.callsLeft !== undefined) plan.callsLeft--;
      return fault;
    }
    return undefined;
  }
}

export function faultResponse(fault: Fault): Response {
  return json(fault.status, fault.body ?? faultBody(fault.status), fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {});
}
