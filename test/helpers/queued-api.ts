// fetch for a page's script under jsdom: each call is recorded (its JSON body
// parsed) and answered with the next queued reply, in order; a call with no
// reply queued fails the test that made it.
export interface QueuedReply {
  status: number;
  body: unknown;
}
export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

export function queuedApi() {
  const answers: QueuedReply[] = [];
  const calls: RecordedCall[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, method: init.method!, headers: init.headers as Record<string, string>, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const next = answers.shift();
    if (!next) throw new Error(`no answer for ${init.method} ${url}`);
    return new Response(JSON.stringify(next.body), { status: next.status, headers: { 'Content-Type': 'application/json' } });
  };
  const reset = () => {
    answers.length = 0;
    calls.length = 0;
  };
  return { answers, calls, fetch, reset };
}
