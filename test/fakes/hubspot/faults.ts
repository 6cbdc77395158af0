// Planned failures for the fake HubSpot, on the same plans as the fake
// Salesforce (../salesforce/faults.ts: "the next 3 calls", "for 2 seconds",
// several faults in turn), with HubSpot's bodies and two more knobs: extra
// headers (the rate-limit ones) and `applied`, a call HubSpot carries out
// whose answer is lost on the way back (a 502 from a proxy after the write):
// what makes "exactly once" hard, so tests can ask for it.
import { FaultPlans as Plans, type Fault as SalesforceFault, type FaultSpan } from '../salesforce/faults.ts';
import { faultBody, json } from './errors.ts';

export type { FaultSpan };

export interface Fault extends Omit<SalesforceFault, 'body'> {
  body?: unknown;
  headers?: Record<string, string>;
  /** Carry the call out, then answer with the fault instead of the result. */
  applied?: boolean;
}

export class FaultPlans {
  private readonly plans = new Plans();

  add(span: FaultSpan, faults: Fault | Fault[], now: number): void {
    this.plans.add(span, faults as SalesforceFault | SalesforceFault[], now);
  }

  clear(): void {
    this.plans.clear();
  }

  take(kind: 'data' | 'token', now: number): Fault | undefined {
    return this.plans.take(kind, now) as Fault | undefined;
  }
}

export function faultResponse(fault: Fault): Response {
  return json(fault.status, fault.body ?? faultBody(fault.status), {
    ...(fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {}),
    ...(fault.headers ?? {}),
  });
}
