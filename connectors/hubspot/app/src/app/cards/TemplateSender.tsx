// Send one of the org's templates (Parley's Assets) into the session, at its
// current version, for the customer to fill and sign. When the template has
// roles beyond the customer and the agent, the participant list
// (ParticipantList.tsx) asks who takes each, and goes with the template in
// the same request: nobody is added unless the document is sent.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Select, Text } from '@hubspot/ui-extensions';
import { callParley, ParleyError } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { DocumentItemView, Me, ParticipantView, Template, TemplateList, TemplateVersion } from '@parley/hubspot-shared/parley-types';
import { firstEntry, participantListBody, rolesToAsk, type ChannelRules, type RoleEntry } from './participant-list';
import { checkParticipantList, problemsFromRefusal, type RoleProblems, type RoleSpot } from './participant-list-problems';
import { ParticipantList } from './ParticipantList';

export interface TemplateSenderProps {
  sessionId: string;
  /** The session's participants, whom the agent may pick for a role. */
  participants?: readonly Pick<ParticipantView, 'id' | 'name' | 'roleName'>[];
  onSent: (sent: DocumentItemView) => void;
}

/** The chosen template's roles to ask about, and the channel rules for new people; null while they load. */
interface RoleForm {
  entries: RoleEntry[];
  rules: ChannelRules;
}

export function TemplateSender({ sessionId, participants = [], onSent }: TemplateSenderProps) {
  const [templates, setTemplates] = useState<Template[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [form, setForm] = useState<RoleForm | null>(null);
  const [problems, setProblems] = useState<RoleProblems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The settings in force, read once: they only matter for a template with roles to ask about.
  const rules = useRef<ChannelRules | null>(null);
  // The template whose roles are loading: an answer for an earlier choice is dropped.
  const loading = useRef('');

  useEffect(() => {
    let current = true;
    callParley<TemplateList>('GET', '/templates')
      .then((list) => current && setTemplates(list.templates))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, []);

  const choose = async (templateId: string) => {
    setChosen(templateId);
    setForm(null);
    setProblems({});
    setFailure(null);
    loading.current = templateId;
    if (!templateId) return;
    try {
      const template = await callParley<TemplateVersion>('GET', `/templates/${templateId}`);
      const roles = rolesToAsk(template.roles);
      if (roles.length) rules.current ??= (await callParley<Me>('GET', '/me')).settings.session;
      if (loading.current !== templateId) return;
      // With no role to ask about, the rules are never read: the template goes alone.
      setForm({ entries: roles.map(firstEntry), rules: rules.current ?? { smsEnabled: true, otpRequired: false } });
    } catch (error) {
      if (loading.current === templateId) setFailure(error);
    }
  };

  const changeRole = (entry: RoleEntry, answered: RoleSpot[]) => {
    setForm((f) => f && { ...f, entries: f.entries.map((e) => (e.role.name === entry.role.name ? entry : e)) });
    setProblems((p) => {
      const left = { ...p[entry.role.name] };
      for (const spot of answered) delete left[spot];
      return { ...p, [entry.role.name]: left };
    });
  };

  const send = async () => {
    if (!chosen || !form) return;
    setFailure(null);
    const found = checkParticipantList(form.entries, form.rules);
    setProblems(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const roles = participantListBody(form.entries, form.rules);
      const sent = await callParley<DocumentItemView>('POST', `/sessions/${sessionId}/documents`, { templateId: chosen, ...(roles ? { roles } : {}) });
      loading.current = '';
      setChosen('');
      setForm(null);
      onSent(sent);
    } catch (error) {
      // A refusal naming a role shows at that role; anything else above the button.
      const atRoles = error instanceof ParleyError ? problemsFromRefusal(error, form.entries.map((e) => e.role.name)) : {};
      setProblems(atRoles);
      if (!Object.keys(atRoles).length) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (templates && !templates.length) return <Text>No templates yet: an admin adds them in Parley.</Text>;
  const atRoles = Object.entries(problems).filter(([, spots]) => Object.keys(spots).length).map(([role]) => role);
  return (
    <Flex direction="column" gap="xs">
      <Select
        testId="template"
        name="template"
        label="Send a template"
        placeholder={templates ? 'Choose a template' : 'Loading templates…'}
        value={chosen}
        options={(templates ?? []).map((t) => ({ label: `${t.name} (v${t.version})`, value: t.id }))}
        onChange={(value) => void choose(String(value))}
      />
      {form?.entries.length ? <ParticipantList entries={form.entries} rules={form.rules} participants={participants} problems={problems} onChange={changeRole} /> : null}
      {atRoles.length ? (
        <Alert testId="participant-list-problems" title="The template was not sent" variant="danger">
          {`Check the participant list: ${atRoles.join(', ')}.`}
        </Alert>
      ) : null}
      {failure ? <ParleyErrorAlert error={failure} title="The template was not sent" /> : null}
      <Button testId="send-template" disabled={busy || !chosen || !form} onClick={() => void send()}>
        Send template
      </Button>
    </Flex>
  );
}
