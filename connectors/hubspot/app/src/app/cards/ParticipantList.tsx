// The participant list on the card, role by role, for a template with roles
// beyond the customer and the agent: who takes each (someone new, with the
// contact the org's channel rules ask for; the customer, in their Assign
// step; the agent; a participant already in the session), an optional role
// left out or made mandatory, and each role's problems (the card's checks and
// Parley's refusal) shown at that role. The state lives in ItemSender,
// which sends it with the template or workflow.
import { Checkbox, Flex, Input, Select, Text } from '@hubspot/ui-extensions';
import type { ParticipantView } from '@parley/hubspot-shared/parley-types';
import type { ContactField } from './contact-validation';
import { canMakeMandatory, contactFields, NEW_PERSON, oneTimeCodeNote, takerOptions, type ChannelRules, type RoleEntry } from './participant-list';
import type { RoleProblems, RoleSpot } from './participant-list-problems';

export interface ParticipantListProps {
  entries: RoleEntry[];
  rules: ChannelRules;
  /** The session's participants, offered as takers of a role. */
  participants: readonly Pick<ParticipantView, 'id' | 'name' | 'roleName'>[];
  /** Offer only a participant or someone new (a workflow's roles). */
  peopleOnly?: boolean;
  problems: RoleProblems;
  /** One role changed: its new entry, and the spots whose problems the change answers. */
  onChange: (entry: RoleEntry, answered: RoleSpot[]) => void;
}

const LABELS: Record<ContactField, string> = { name: 'Name', email: 'Email', phone: 'Phone (e.g. +14155550123)' };

export function ParticipantList({ entries, rules, participants, peopleOnly = false, problems, onChange }: ParticipantListProps) {
  const fields = contactFields(rules);
  const note = oneTimeCodeNote(rules);
  return (
    <Flex direction="column" gap="sm">
      <Text format={{ fontWeight: 'bold' }}>Who takes each role</Text>
      {entries.map((entry, index) => {
        const { role } = entry;
        const found = problems[role.name] ?? {};
        const id = `role-${index}`;
        return (
          <Flex key={role.name} direction="column" gap="xs">
            <Select
              testId={`${id}-taker`}
              name={`${id}-taker`}
              label={`${role.name} (${role.required ? 'required' : 'optional'})`}
              description="Who takes this role"
              required={role.required}
              value={entry.taker}
              options={takerOptions(role, participants, peopleOnly)}
              onChange={(value) => onChange({ ...entry, taker: String(value) }, ['role', 'name', 'email', 'phone'])}
              error={Boolean(found.role)}
              validationMessage={found.role ?? ''}
            />
            {entry.taker === NEW_PERSON ? (
              <>
                {fields.map((field) => (
                  <Input
                    key={field}
                    testId={`${id}-${field}`}
                    name={`${id}-${field}`}
                    label={`${role.name}: ${LABELS[field]}`}
                    required={field === 'name'}
                    value={entry.contact[field]}
                    onChange={(value: string) => onChange({ ...entry, contact: { ...entry.contact, [field]: value } }, [field, 'role'])}
                    error={Boolean(found[field])}
                    validationMessage={found[field] ?? ''}
                  />
                ))}
                {note ? (
                  <Text testId={`${id}-otp-note`} variant="microcopy">
                    {note}
                  </Text>
                ) : null}
              </>
            ) : null}
            {canMakeMandatory(entry) ? (
              <Checkbox testId={`${id}-mandatory`} name={`${id}-mandatory`} checked={entry.mandatory} onChange={(checked) => onChange({ ...entry, mandatory: checked }, ['role'])}>
                Make mandatory
              </Checkbox>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
}
