// Whether an SMS to a number may go out under the org's name (an
// alphanumeric sender ID, "ACME") rather than from a phone number. Carriers
// decide this country by country: in some any name is accepted as sent, in
// others a name must first be registered with the operators (weeks of
// paperwork), and in some (the US, Canada) names are not delivered at all.
// Parley uses a name only where Twilio delivers it with no registration; for
// every other country the message goes from the org's Messaging Service or
// number, which always works.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * Countries (ISO 3166-1 alpha-2) where Twilio delivers an alphanumeric sender
 * ID without pre-registration.
 *
 * Source: Twilio's help article "International support for Alphanumeric
 * Sender ID" (help.twilio.com/articles/223133767), the rows marked
 * "Supported" with pre-registration "No". Left out on purpose, although that
 * table once marked them so, because Twilio's per-country SMS guidelines
 * (twilio.com/en-us/guidelines/{code}/sms) now ask for a registered sender:
 * Armenia, Australia (ACMA's Sender ID Register), Belarus, Chad, Côte
 * d'Ivoire, Czechia, Israel, Lebanon, Malawi, Nigeria, Palestine, Russia,
 * Singapore (SSIR: unregistered names arrive as "Likely-SCAM"), Sudan,
 * Tanzania, Ukraine, Zambia and Zimbabwe; and, because we could not confirm
 * they still need none, Cambodia, Taiwan, Tajikistan, Turkmenistan, Uganda
 * and Uzbekistan. Never in the list: the US, Canada
 * and Puerto Rico (names not supported), India, Indonesia, Jordan, Oman, the
 * Philippines, Saudi Arabia, the UAE and Thailand (registration required),
 * and countries where names are not supported (Belgium, Brazil, China,
 * Mexico, New Zealand, Turkey, …).
 *
 * A country missing from here only costs the org's name on the message (it
 * goes from the number instead), whereas a country listed wrongly loses the
 * message: when in doubt, leave it out. Re-check against Twilio's guidelines
 * when adding one.
 */
const NO_REGISTRATION_COUNTRIES: ReadonlySet<string> = new Set([
  // Europe
  'AD', 'AL', 'AT', 'BA', 'BG', 'CH', 'CY', 'DE', 'DK', 'EE', 'ES', 'FI', 'FO', 'FR', 'GB', 'GG', 'GI', 'GL', 'GR', 'IE', 'IM', 'IS', 'IT', 'JE', 'LI', 'LT', 'LU', 'LV', 'MD', 'ME', 'MK', 'MT', 'NL', 'NO', 'PL', 'PT', 'RS', 'SE', 'SI', 'SK', 'SM',
  // Overseas departments and territories reached like their mainland
  'GP', 'MQ', 'RE', 'YT', 'PF', 'NC',
  // Caribbean and the Americas
  'AG', 'AI', 'AW', 'BB', 'BM', 'BO', 'BS', 'BZ', 'DM', 'FK', 'GD', 'GY', 'HT', 'JM', 'KN', 'LC', 'MS', 'PE', 'PY', 'SR', 'TC', 'TT', 'VC', 'VG',
  // Africa
  'AO', 'BF', 'BI', 'BJ', 'BW', 'CF', 'CM', 'CV', 'DJ', 'GA', 'GM', 'GN', 'GQ', 'GW', 'KM', 'LR', 'LS', 'LY', 'MG', 'MR', 'MU', 'NE', 'RW', 'SC', 'SL', 'SN', 'SO', 'SS', 'ST', 'SZ', 'TG',
  // Asia and the Pacific
  'BH', 'BN', 'BT', 'CK', 'FJ', 'GE', 'HK', 'MN', 'MO', 'MV', 'NF', 'PG', 'SB', 'TL', 'TO', 'VU', 'WS', 'YE',
]);

/** True when an SMS to this E.164 number may carry an alphanumeric sender ID without registering it first. */
export function acceptsAlphanumericSender(e164: string): boolean {
  const country = parsePhoneNumberFromString(e164)?.country;
  return country !== undefined && NO_REGISTRATION_COUNTRIES.has(country);
}
