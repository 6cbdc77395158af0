// Stripe, as the end-to-end tests meet it, on 127.0.0.1 (nothing leaves the
// machine): the fake Stripe's API (test/fakes/stripe) under /v1, which the
// Worker reaches through STRIPE_API_BASE; and under /v3/ a stand-in for
// Stripe.js, which the payment page loads through STRIPE_JS_URL. The
// stand-in keeps Stripe.js's shape (Stripe(pk).elements({clientSecret}),
// elements.create('payment').mount(), stripe.confirmPayment(…) resolving to
// {error} or {}), and its "card form" offers Stripe's test payment methods:
// pm_card_visa pays, pm_card_chargeDeclined is declined,
// pm_card_authenticationRequired asks for 3-D Secure, which a challenge
// dialog completes. Every change is then delivered to Parley's webhook,
// signed with the endpoint secret, as Stripe would.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeStripe } from '../fakes/stripe/fake-stripe';

export const E2E_STRIPE = {
  secretKey: 'sk_test_51ParleyEndToEnd00000000',
  publishableKey: 'pk_test_51ParleyEndToEnd00000000',
  webhookSecret: 'whsec_ParleyEndToEndSecret00000',
};

export interface StripeStandIn {
  url: string;
  fake: FakeStripe;
  /** Where Parley is, once it runs: the webhook deliveries go there. */
  setParley(url: string): void;
  stop(): Promise<void>;
}

const CARDS = [
  ['pm_card_visa', 'Visa •••• 4242'],
  ['pm_card_chargeDeclined', 'Visa •••• 0002 (declined)'],
  ['pm_card_authenticationRequired', 'Visa •••• 3184 (3-D Secure)'],
] as const;

/** The stand-in Stripe.js: plain DOM, no framework, talking to this server's /test routes. */
const stripeJs = (origin: string) => `(() => {
  const origin = ${JSON.stringify(origin)};
  const post = (path, body) => fetch(origin + path, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body) }).then((r) => r.json());
  window.Stripe = (publishableKey) => ({
    elements: ({ clientSecret }) => {
      const elements = { clientSecret, chosen: 'pm_card_visa', create: () => ({
        handlers: {},
        on(event, handler) { this.handlers[event] = handler; },
        mount(selector) {
          const root = document.querySelector(selector);
          const set = document.createElement('fieldset');
          const legend = document.createElement('legend');
          legend.textContent = 'Test card (Stripe stand-in)';
          set.append(legend);
          ${JSON.stringify(CARDS)}.forEach(([id, label], i) => {
            const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'stand-in-card', id: 'card-' + id, value: id, checked: i === 0 });
            input.addEventListener('change', () => (elements.chosen = id));
            const text = Object.assign(document.createElement('label'), { htmlFor: input.id, textContent: ' ' + label });
            const row = document.createElement('div');
            row.append(input, text);
            set.append(row);
          });
          root.append(set);
          setTimeout(() => this.handlers.ready && this.handlers.ready(), 0);
        },
      }) };
      return elements;
    },
    confirmPayment: async ({ elements }) => {
      const answer = await post('/test/confirm', { publishableKey, clientSecret: elements.clientSecret, paymentMethod: elements.chosen });
      if (answer.status === 'requires_action') {
        const passed = await new Promise((resolve) => {
          const dialog = document.createElement('dialog');
          dialog.setAttribute('aria-label', '3-D Secure (Stripe stand-in)');
          const h = Object.assign(document.createElement('h2'), { textContent: 'Confirm with your bank' });
          const ok = Object.assign(document.createElement('button'), { type: 'button', id: 'three-ds-complete', textContent: 'Complete authentication' });
          const no = Object.assign(document.createElement('button'), { type: 'button', id: 'three-ds-fail', textContent: 'Fail authentication' });
          ok.onclick = () => { dialog.close(); resolve(true); };
          no.onclick = () => { dialog.close(); resolve(false); };
          dialog.append(h, ok, no);
          document.body.append(dialog);
          dialog.showModal();
        });
        const finished = await post('/test/finish', { clientSecret: elements.clientSecret, passed });
        return finished.error ? { error: finished.error } : {};
      }
      return answer.error ? { error: answer.error } : {};
    },
  });
})();`;

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const fake = new FakeStripe();
  fake.addKey(E2E_STRIPE.secretKey);
  let parley = '';
  // Each event goes to the endpoint of the org it is about (its intent's metadata names it), signed with the endpoint secret.
  const deliver = () =>
    fake.deliverEvents(
      (event) => {
        const org = (event.data.object as { metadata?: Record<string, string> }).metadata?.parley_org;
        return org ? `${parley}/hooks/stripe/${org}` : null;
      },
      E2E_STRIPE.webhookSecret,
      (r) => fetch(r),
    );

  const server = http.createServer(async (req, res) => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const body = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
    });
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' });
      res.end(text);
    };
    try {
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === '/v3/') return send(200, 'text/javascript; charset=utf-8', stripeJs(origin));
      if (url.pathname.startsWith('/v1/')) {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
        const answer = await fake.fetch(new Request(url, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body }));
        return send(answer.status, answer.headers.get('content-type') ?? 'application/json', await answer.text());
      }
      if (req.method === 'POST' && (url.pathname === '/test/confirm' || url.pathname === '/test/finish')) {
        const asked = JSON.parse(body.toString('utf8')) as { clientSecret: string; paymentMethod?: string; passed?: boolean };
        const intentId = asked.clientSecret.split('_secret_')[0]!;
        if (fake.intent(intentId)?.client_secret !== asked.clientSecret) return send(400, 'application/json', JSON.stringify({ error: { type: 'invalid_request_error', message: 'No such client secret.' } }));
        const intent = url.pathname === '/test/confirm' ? fake.confirm(intentId, asked.paymentMethod as 'pm_card_visa', `${parley}/room`) : fake.finishAction(intentId, asked.passed === true);
        await deliver();
        const error = intent.status === 'requires_payment_method' && intent.last_payment_error ? { type: 'card_error', code: intent.last_payment_error.code, message: intent.last_payment_error.message } : undefined;
        return send(200, 'application/json', JSON.stringify({ status: intent.status, ...(error ? { error } : {}) }));
      }
      return send(404, 'text/plain', 'not here');
    } catch (err) {
      return send(500, 'text/plain', String(err));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fake,
    setParley: (u) => (parley = u),
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
