// The HubSpot record objects Parley links sessions to, by the name HubSpot's
// APIs use (plural), whichever way a caller spelled them: "contact",
// "Contacts", or the object type id a card reports ("0-1"). One spelling is
// stored, so a record's sessions are found, written back and forgotten by the
// same name.
export const HUBSPOT_RECORD_OBJECTS = ['contacts', 'companies', 'deals', 'tickets'] as const;
export type HubSpotRecordObject = (typeof HUBSPOT_RECORD_OBJECTS)[number];

const ALIASES: Record<string, HubSpotRecordObject> = {
  contact: 'contacts',
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
};

/** The object's API name, or null for one Parley does not link to (a custom object, a typo). */
export function hubspotRecordObject(name: string): HubSpotRecordObject | null {
  const raw = name.trim().toLowerCase();
  return (HUBSPOT_RECORD_OBJECTS as readonly string[]).includes(raw) ? (raw as HubSpotRecordObject) : (ALIASES[raw] ?? null);
}
