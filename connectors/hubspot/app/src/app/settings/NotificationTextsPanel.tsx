// The texts of the messages Parley sends customers, per message: each text
// with its character count against Parley's limit, its problem under it, a
// way back to Parley's own wording, and Save (only the changed texts go).
import { useEffect, useState } from 'react';
import { Button, ButtonRow, Divider, Flex, Heading, Input, LoadingSpinner, Text, TextArea } from '@hubspot/ui-extensions';
import { callParley, ParleyError } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { NotificationSettingsAnswer } from '@parley/hubspot-shared/parley-types';
import { changedTexts, characterCount, MESSAGE_TYPES, TEXT_FIELDS, textErrorsFromIssues, validateTexts, type MessageTexts, type MessageType, type TextErrors, type TextField } from './message-text-rules';

export function NotificationTextsPanel({ onSaved }: { onSaved: () => void }) {
  const [answer, setAnswer] = useState<NotificationSettingsAnswer | null>(null);
  const [draft, setDraft] = useState<MessageTexts | null>(null);
  const [errors, setErrors] = useState<TextErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const take = (fresh: NotificationSettingsAnswer) => {
    setAnswer(fresh);
    setDraft(fresh.settings.messages as MessageTexts);
  };

  useEffect(() => {
    callParley<NotificationSettingsAnswer>('GET', '/settings/notifications').then(take).catch(setFailure);
  }, []);

  if (!answer || !draft) return failure ? <ParleyErrorAlert error={failure} title="The message texts could not be read" /> : <LoadingSpinner label="Reading the message texts…" />;

  const saved = answer.settings.messages as MessageTexts;
  const defaults = answer.defaults.messages as MessageTexts;
  const patch = changedTexts(saved, draft);
  const dirty = Object.keys(patch).length > 0;

  const change = (type: MessageType, field: TextField) => (value: string) => {
    setDraft((d) => (d ? { ...d, [type]: { ...d[type], [field]: value } } : d));
    setErrors((e) => {
      const { [`${type}.${field}`]: _gone, ...rest } = e;
      return rest;
    });
  };

  const submit = async () => {
    setFailure(null);
    const found = validateTexts(draft, answer.limits, answer.placeholders);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      take(await callParley<NotificationSettingsAnswer>('PATCH', '/settings/notifications', { messages: patch }));
      onSaved();
    } catch (error) {
      const fieldErrors = error instanceof ParleyError ? textErrorsFromIssues(error.issues) : {};
      setErrors(fieldErrors);
      if (!Object.keys(fieldErrors).length) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" gap="md">
      <Text>{`Placeholders: ${answer.placeholders.join(', ')}. SMS texts are the words before the link; Parley adds the link.`}</Text>
      {MESSAGE_TYPES.map(({ type, title }) => (
        <Flex key={type} direction="column" gap="sm">
          <Heading>{title}</Heading>
          {TEXT_FIELDS.map((def) => {
            const value = draft[type][def.field];
            const max = answer.limits[def.field];
            const error = errors[`${type}.${def.field}`];
            const props = {
              name: `${type}.${def.field}`,
              label: def.label,
              value,
              description: `${characterCount(value)} of ${max} characters`,
              onChange: change(type, def.field),
              error: Boolean(error),
              validationMessage: error ?? '',
            };
            return def.field === 'emailHtml' ? <TextArea key={def.field} testId={props.name} rows={6} {...props} /> : <Input key={def.field} testId={props.name} {...props} />;
          })}
          <Button
            testId={`reset-${type}`}
            variant="transparent"
            disabled={TEXT_FIELDS.every((d) => draft[type][d.field] === defaults[type][d.field])}
            onClick={() => setDraft((d) => (d ? { ...d, [type]: { ...defaults[type] } } : d))}
          >
            Use Parley's wording
          </Button>
          <Divider />
        </Flex>
      ))}
      {failure ? <ParleyErrorAlert error={failure} title="The message texts were not saved" /> : null}
      <ButtonRow>
        <Button testId="save-texts" variant="primary" disabled={busy || !dirty} onClick={() => void submit()}>
          Save
        </Button>
        <Button testId="discard-texts" variant="secondary" disabled={busy || !dirty} onClick={() => (setDraft(saved), setErrors({}))}>
          Discard changes
        </Button>
      </ButtonRow>
    </Flex>
  );
}
