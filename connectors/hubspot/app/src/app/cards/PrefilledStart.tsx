// Where the start form's customer comes from. On a contact record, the
// contact's own properties; on a company, deal or ticket, the record's
// associated contacts, and when it has none the form says so and stays
// empty for the agent to fill. Two components, so each calls only the one
// HubSpot hook it needs (hooks cannot be called conditionally).
import { useCrmProperties, useAssociations } from '@hubspot/ui-extensions/crm';
import { StartSessionForm, type StartSessionFormProps } from './StartSessionForm';
import { CONTACT_OBJECT_TYPE_ID, RECORD_NOUNS } from './object-types';
import { CONTACT_PROPERTIES, contactFromProperties, contactsFromAssociations } from './record-contacts';

type Props = Omit<StartSessionFormProps, 'candidates' | 'note'>;

export function StartFromContact(props: Props) {
  const { properties, isLoading, error } = useCrmProperties(CONTACT_PROPERTIES);
  if (isLoading) return <StartSessionForm {...props} candidates={[]} note="Reading the contact's details…" />;
  if (error) return <StartSessionForm {...props} candidates={[]} note={`The contact's details could not be read (${error.message}): enter them below.`} />;
  return <StartSessionForm {...props} candidates={[contactFromProperties(null, properties)]} note={null} />;
}

export function StartFromAssociatedContacts(props: Props) {
  const { results, isLoading, error } = useAssociations({ toObjectType: CONTACT_OBJECT_TYPE_ID, properties: CONTACT_PROPERTIES, pageLength: 20 });
  const noun = RECORD_NOUNS[props.objectType];
  if (isLoading) return <StartSessionForm {...props} candidates={[]} note={`Reading this ${noun}'s contacts…`} />;
  if (error) return <StartSessionForm {...props} candidates={[]} note={`This ${noun}'s contacts could not be read (${error.message}): enter the customer's details below.`} />;
  const candidates = contactsFromAssociations(results);
  if (!candidates.length) return <StartSessionForm {...props} candidates={[]} note={`This ${noun} has no contact: enter the customer's details below.`} />;
  return <StartSessionForm {...props} candidates={candidates} note={null} />;
}
