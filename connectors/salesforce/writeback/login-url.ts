// The login URL at the moment of use: https outside local development, as
// the connect route requires (api/crm-salesforce.ts). A connection stored
// before that rule, or written to D1 by hand, is refused here rather than
// sent a signed assertion over plain http.
import type { Env } from '../../../worker/src/env';
import { isLocalDevelopment, outboundUrlProblem } from '../../../worker/src/outbound-url';
import { SalesforceAuthError } from './jwt-bearer';

export function checkLoginUrl(loginUrl: string, env: Pick<Env, 'DEV_ROUTES'>): void {
  const problem = outboundUrlProblem(loginUrl, isLocalDevelopment(env));
  if (problem) throw new SalesforceAuthError(`the Salesforce login URL ${loginUrl} ${problem}: connect again with an https login URL`, 'insecure_login_url');
}
