// Where the payment page loads Stripe.js from, and the Content-Security-Policy
// that page needs for it (docs.stripe.com/security/guide#content-security-policy):
// Stripe's script, its frames (the Payment Element and 3-D Secure), and its
// API. Only the payment page gets these; every other page allows no Stripe
// origin. STRIPE_JS_URL stands in a local copy for the end-to-end tests.
import type { Env } from '../env';

export const STRIPE_JS = 'https://js.stripe.com/v3/';

export const stripeJsUrl = (env: Pick<Env, 'STRIPE_JS_URL'>) => env.STRIPE_JS_URL || STRIPE_JS;

/** The origins the payment page may reach beyond its own, by directive. */
export function stripeCsp(env: Pick<Env, 'STRIPE_JS_URL' | 'STRIPE_API_BASE'>): { scriptSrc: string[]; frameSrc: string[]; connectSrc: string[]; imgSrc: string[] } {
  const js = new URL(stripeJsUrl(env)).origin;
  const api = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE).origin : 'https://api.stripe.com';
  if (js !== 'https://js.stripe.com') return { scriptSrc: [js], frameSrc: [js], connectSrc: [js, api], imgSrc: [js] };
  return {
    scriptSrc: ['https://js.stripe.com', 'https://*.js.stripe.com'],
    frameSrc: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
    connectSrc: [api, 'https://*.stripe.com'],
    imgSrc: ['https://*.stripe.com'],
  };
}
