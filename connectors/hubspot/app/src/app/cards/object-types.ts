// The HubSpot records the card sits on, by the object type id HubSpot gives
// the card (context.crm.objectTypeId), and the name Parley stores with a
// session's CRM link (crmRecord.objectType), which is HubSpot's own API name.
export const CARD_OBJECT_TYPES = {
  '0-1': 'contacts',
  '0-2': 'companies',
  '0-3': 'deals',
  '0-5': 'tickets',
} as const;

export type CardObjectType = (typeof CARD_OBJECT_TYPES)[keyof typeof CARD_OBJECT_TYPES];

/** HubSpot's object type id of contacts, for reading a record's associated contacts. */
export const CONTACT_OBJECT_TYPE_ID = '0-1';

/** The word for one record of the type, as an agent says it. */
export const RECORD_NOUNS: Record<CardObjectType, string> = {
  contacts: 'contact',
  companies: 'company',
  deals: 'deal',
  tickets: 'ticket',
};

export function cardObjectType(objectTypeId: string): CardObjectType | null {
  return (CARD_OBJECT_TYPES as Record<string, CardObjectType>)[objectTypeId] ?? null;
}
