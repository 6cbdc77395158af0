// Phone numbers typed without a country code (SPEC §7): the org's default
// prefix is added; a number given with its own prefix keeps it (the schema
// already made those E.164). The settings are read only when a local number
// actually arrives.
import type { Context } from 'hono';
import { normalizePhone } from '../domain/contact';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { ApiError } from '../errors';
import type { AppEnv } from './context';

/** `contact` with its phone in E.164; `field` names it in the 422 when the number cannot be completed. */
export async function withOrgPhonePrefix<T extends { phone?: string | undefined }>(c: Context<AppEnv>, contact: T, field: string): Promise<T> {
  const { phone } = contact;
  if (phone === undefined || phone.startsWith('+')) return contact;
  const prefix = (await orgNotificationSettings(c.env.DB, c.get('agent').orgId)).general.defaultPhonePrefix;
  if (!prefix) {
    throw ApiError.invalidField(field, 'must be a phone number in international form, e.g. +14155550123 (local numbers need a default phone prefix in the notification settings)');
  }
  const e164 = normalizePhone(phone, prefix);
  if (!e164) throw ApiError.invalidField(field, `is not a valid number with the default prefix ${prefix}; give it in international form, e.g. +14155550123`);
  return { ...contact, phone: e164 };
}
