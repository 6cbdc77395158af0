// The language a customer's page is drawn in: the participant's own (the
// invitation's, or the one they chose in the room), else their browser's.
import type { Context } from 'hono';
import { pickLocale, type Locale } from '../i18n/locales';

export const customerLocale = (c: Context, own: string | null | undefined): Locale => pickLocale(own, c.req.header('Accept-Language'));
