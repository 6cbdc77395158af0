// Start a session (the invitation goes out now) or pre-plan one (nothing is
// sent until the agent invites), for a customer prefilled from the record and
// editable. The session is linked to the record the card is on, whatever its
// type: Parley writes its status back there.
import { useState } from 'react';
import { Button, ButtonRow, Flex, Input, Select, Text } from '@hubspot/ui-extensions';
import { callParley, ParleyError } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { StartedSession } from '@parley/hubspot-shared/parley-types';
import { cleanContact, contactErrorsFromIssues, FIELD_LABELS, validateContact, type ContactDraft, type ContactErrors, type ContactField } from './contact-validation';
import type { CardObjectType } from './object-types';
import { candidateLabel, type ContactCandidate } from './record-contacts';
import { LOCALE_NAMES, LOCALES } from '@parley/hubspot-shared/locales';

/** The language choices: the customer's browser, or one Parley speaks (each named in itself). */
const LANGUAGE_OPTIONS = [{ label: "The customer's browser", value: '' }, ...LOCALES.map((l) => ({ label: LOCALE_NAMES[l], value: l }))];

export interface StartSessionFormProps {
  objectType: CardObjectType;
  recordId: string;
  /** Who the record says the customer may be; the first is prefilled. */
  candidates: ContactCandidate[];
  /** Said above the form: why it is empty, or that the details are still loading. */
  note: string | null;
  onStarted: (started: StartedSession, invite: boolean) => void;
}

const EMPTY: ContactDraft = { name: '', email: '', phone: '' };
const FIELDS: ContactField[] = ['name', 'email', 'phone'];

export function StartSessionForm({ objectType, recordId, candidates, note, onStarted }: StartSessionFormProps) {
  const [contact, setContact] = useState<ContactDraft>(EMPTY);
  const [edited, setEdited] = useState(false);
  const [chosen, setChosen] = useState<string>('');
  const [language, setLanguage] = useState<string>('');
  const [errors, setErrors] = useState<ContactErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // The record's details arrive after the first render (and again if the record changes): they fill the form, in
  // the same render, until the agent types; never over what the agent typed.
  const first = candidates[0];
  const firstKey = first ? JSON.stringify(first) : '';
  const [prefilled, setPrefilled] = useState('');
  if (!edited && firstKey !== prefilled) {
    setPrefilled(firstKey);
    if (first) {
      setChosen(first.id ?? '');
      setContact({ name: first.name, email: first.email, phone: first.phone });
      setLanguage(first.language ?? '');
    }
  }

  const change = (field: ContactField) => (value: string) => {
    setEdited(true);
    setContact((c) => ({ ...c, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const choose = (id: string | number | boolean) => {
    const picked = candidates.find((c) => (c.id ?? '') === String(id));
    if (!picked) return;
    setEdited(true);
    setChosen(String(id));
    setContact({ name: picked.name, email: picked.email, phone: picked.phone });
    setLanguage(picked.language ?? '');
    setErrors({});
  };

  const start = async (invite: boolean) => {
    setFailure(null);
    const found = validateContact(contact);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const started = await callParley<StartedSession>('POST', '/sessions', {
        customer: { ...cleanContact(contact), ...(language ? { language } : {}) },
        crmRecord: { system: 'hubspot', objectType, recordId },
        invite,
      });
      setEdited(false);
      onStarted(started, invite);
    } catch (error) {
      const fieldErrors = error instanceof ParleyError ? contactErrorsFromIssues(error.issues) : {};
      setErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" gap="sm">
      {note ? <Text>{note}</Text> : null}
      {candidates.length > 1 ? (
        <Select
          name="contact"
          label="Contact"
          description="The record's contacts: pick who the session is for."
          value={chosen}
          options={candidates.map((c) => ({ label: candidateLabel(c), value: c.id ?? '' }))}
          onChange={choose}
        />
      ) : null}
      {FIELDS.map((field) => (
        <Input
          key={field}
          testId={`customer-${field}`}
          name={field}
          label={FIELD_LABELS[field]}
          required={field === 'name'}
          value={contact[field]}
          onChange={change(field)}
          error={Boolean(errors[field])}
          validationMessage={errors[field] ?? ''}
        />
      ))}
      <Select
        name="language"
        label="Language"
        description="The language of the customer's room and messages; from the contact's HubSpot language when Parley speaks it."
        value={language}
        options={LANGUAGE_OPTIONS}
        onChange={(value) => {
          setEdited(true);
          setLanguage(String(value));
        }}
      />
      {failure ? <ParleyErrorAlert error={failure} title="The session was not started" /> : null}
      <ButtonRow>
        <Button testId="start-session" variant="primary" disabled={busy} onClick={() => void start(true)}>
          Start and invite
        </Button>
        <Button testId="preplan-session" variant="secondary" disabled={busy} onClick={() => void start(false)}>
          Pre-plan (invite later)
        </Button>
      </ButtonRow>
    </Flex>
  );
}
