// Send one of the org's templates (Parley's Assets) or workflows into the
// session, at its current version: a template for the customer to fill and
// sign, a workflow for the customer to go through step by step. When it has
// roles beyond the customer and the agent, the participant list
// (ParticipantList.tsx) asks who takes each, once, and goes with it in the
// same request: nobody is added unless it is sent.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Select, Text } from '@hubspot/ui-extensions';
import { callParley, ParleyError } from '@parley/hubspot-shared/parley-api';
import { ParleyErrorAlert } from '@parley/hubspot-shared/ParleyErrorAlert';
import type { Me, ParticipantView, TemplateList, TemplateVersion, WorkflowList } from '@parley/hubspot-shared/parley-types';
import { firstEntry, participantListBody, rolesToAsk, type ChannelRules, type RoleEntry } from './participant-list';
import { checkParticipantList, problemsFromRefusal, type RoleProblems, type RoleSpot } from './participant-list-problems';
import { ParticipantList } from './ParticipantList';

export type SendKind = 'template' | 'workflow';

/** One template or workflow in the picker. */
type Choice = { id: string; name: string; version: number };

/** What differs between sending a template and a workflow: where each is listed, read and sent, and its words. */
interface Sending {
  list: (answer: unknown) => Choice[];
  listPath: string;
  /** The send's path under the session, and its body's id field. */
  sendPath: string;
  idField: string;
  none: string;
  /** A workflow's roles go to a participant or someone new only (POST …/workflows takes no Assign step and no agent). */
  peopleOnly: boolean;
}

const SENDING: Record<SendKind, Sending> = {
  template: { list: (a) => (a as TemplateList).templates, listPath: '/templates', sendPath: 'documents', idField: 'templateId', none: 'No templates yet: an admin adds them in Parley.', peopleOnly: false },
  workflow: { list: (a) => (a as WorkflowList).workflows, listPath: '/workflows', sendPath: 'workflows', idField: 'workflowId', none: 'No workflows yet: an admin builds them in Parley.', peopleOnly: true },
};

export interface ItemSenderProps {
  kind: SendKind;
  sessionId: string;
  /** The session's participants, whom the agent may pick for a role. */
  participants?: readonly Pick<ParticipantView, 'id' | 'name' | 'roleName'>[];
  onSent: () => void;
}

/** The chosen template's or workflow's roles to ask about, and the channel rules for new people; null while they load. */
interface RoleForm {
  entries: RoleEntry[];
  rules: ChannelRules;
}

export function ItemSender({ kind, sessionId, participants = [], onSent }: ItemSenderProps) {
  const sending = SENDING[kind];
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [form, setForm] = useState<RoleForm | null>(null);
  const [problems, setProblems] = useState<RoleProblems>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // The settings in force, read once: they only matter for a choice with roles to ask about.
  const rules = useRef<ChannelRules | null>(null);
  // The choice whose roles are loading: an answer for an earlier choice is dropped.
  const loading = useRef('');

  useEffect(() => {
    let current = true;
    callParley<unknown>('GET', sending.listPath)
      .then((list) => current && setChoices(sending.list(list)))
      .catch((error: unknown) => current && setFailure(error));
    return () => {
      current = false;
    };
  }, [sending]);

  const choose = async (id: string) => {
    setChosen(id);
    setForm(null);
    setProblems({});
    setFailure(null);
    loading.current = id;
    if (!id) return;
    try {
      // A template's version and a workflow describe their roles alike.
      const chosenOne = await callParley<Pick<TemplateVersion, 'roles'>>('GET', `${sending.listPath}/${id}`);
      const roles = rolesToAsk(chosenOne.roles);
      if (roles.length) rules.current ??= (await callParley<Me>('GET', '/me')).settings.session;
      if (loading.current !== id) return;
      // With no role to ask about, the rules are never read: it goes alone.
      setForm({ entries: roles.map(firstEntry), rules: rules.current ?? { smsEnabled: true, otpRequired: false } });
    } catch (error) {
      if (loading.current === id) setFailure(error);
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
      await callParley('POST', `/sessions/${sessionId}/${sending.sendPath}`, { [sending.idField]: chosen, ...(roles ? { roles } : {}) });
      loading.current = '';
      setChosen('');
      setForm(null);
      onSent();
    } catch (error) {
      // A refusal naming a role shows at that role; anything else above the button.
      const atRoles = error instanceof ParleyError ? problemsFromRefusal(error, form.entries.map((e) => e.role.name)) : {};
      setProblems(atRoles);
      if (!Object.keys(atRoles).length) setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (choices && !choices.length) return <Text>{sending.none}</Text>;
  const atRoles = Object.entries(problems).filter(([, spots]) => Object.keys(spots).length).map(([role]) => role);
  return (
    <Flex direction="column" gap="xs">
      <Select
        testId={kind}
        name={kind}
        label={`Send a ${kind}`}
        placeholder={choices ? `Choose a ${kind}` : `Loading ${kind}s…`}
        value={chosen}
        options={(choices ?? []).map((t) => ({ label: `${t.name} (v${t.version})`, value: t.id }))}
        onChange={(value) => void choose(String(value))}
      />
      {form?.entries.length ? (
        <ParticipantList entries={form.entries} rules={form.rules} participants={participants} peopleOnly={sending.peopleOnly} problems={problems} onChange={changeRole} />
      ) : null}
      {atRoles.length ? (
        <Alert testId="participant-list-problems" title={`The ${kind} was not sent`} variant="danger">
          {`Check the participant list: ${atRoles.join(', ')}.`}
        </Alert>
      ) : null}
      {failure ? <ParleyErrorAlert error={failure} title={`The ${kind} was not sent`} /> : null}
      <Button testId={`send-${kind}`} disabled={busy || !chosen || !form} onClick={() => void send()}>
        {`Send ${kind}`}
      </Button>
    </Flex>
  );
}
