// sf parley session start: start or pre-plan a session for a customer,
// optionally on a Salesforce record and with templates. With templates the
// session is created without inviting, the documents are added, and only
// then is the customer invited, so the invitation leads to a session that
// already holds them (the same order the Salesforce panel uses).
import { Messages } from '@salesforce/core';
import { Flags, SfCommand } from '@salesforce/sf-plugins-core';
import type { ParleyClient } from '../../../shared/parley-client.js';
import { clientFor, workerFlags } from '../../../shared/worker-flags.js';

Messages.importMessagesDirectoryFromMetaUrl(import.meta.url);
const messages = Messages.loadMessages('@parley/plugin-parley', 'parley.session.start');

export type SessionStartResult = {
  sessionId: string;
  /** planned, active, ended or closed: the session's status when the command finished. */
  status: string;
  /** true when reusable sessions gave back this customer's existing session. */
  reused: boolean;
  /** true when the customer has been invited (not pre-planned). */
  invited: boolean;
  customer: { name: string; email?: string; phone?: string };
  crmRecord: { system: 'salesforce'; objectType?: string; recordId: string } | null;
  documents: { templateId: string; templateName: string; itemId: string }[];
};

/** The agent's view of a session, as POST /sessions and /invite answer (the parts used here). */
type SessionView = { session: { id: string; status: string } };

/** Key prefixes of the standard objects a session links to with a lookup. */
const OBJECT_BY_PREFIX: Record<string, string> = { '003': 'Contact', '00Q': 'Lead', '001': 'Account', '006': 'Opportunity', '500': 'Case' };

export default class SessionStart extends SfCommand<SessionStartResult> {
  public static readonly summary = messages.getMessage('summary');
  public static readonly description = messages.getMessage('description');
  public static readonly examples = messages.getMessages('examples');

  public static readonly flags = {
    ...workerFlags,
    name: Flags.string({ summary: messages.getMessage('flags.name.summary'), required: true }),
    email: Flags.string({ summary: messages.getMessage('flags.email.summary') }),
    phone: Flags.string({ summary: messages.getMessage('flags.phone.summary') }),
    'record-id': Flags.salesforceId({ summary: messages.getMessage('flags.record-id.summary'), length: 'both' }),
    'pre-plan': Flags.boolean({ summary: messages.getMessage('flags.pre-plan.summary'), default: false }),
    template: Flags.string({ summary: messages.getMessage('flags.template.summary'), multiple: true }),
  };

  public async run(): Promise<SessionStartResult> {
    const { flags } = await this.parse(SessionStart);
    if (!flags.email && !flags.phone) throw messages.createError('error.NoContact');
    const customer = { name: flags.name, ...(flags.email ? { email: flags.email } : {}), ...(flags.phone ? { phone: flags.phone } : {}) };
    const recordId = flags['record-id'];
    const objectType = recordId ? OBJECT_BY_PREFIX[recordId.slice(0, 3)] : undefined;
    const crmRecord = recordId ? { system: 'salesforce' as const, ...(objectType ? { objectType } : {}), recordId } : null;

    const client = clientFor(flags);
    // Every template is found before the session exists, so a typo leaves nothing half made.
    const templates = await findTemplates(client, flags.template ?? []);
    const inviteAtOnce = !flags['pre-plan'] && templates.length === 0;

    const started = await client.post<SessionView & { reused: boolean }>('/sessions', {
      customer,
      ...(crmRecord ? { crmRecord } : {}),
      invite: inviteAtOnce,
    });
    const sessionId = started.session.id;
    let status = started.session.status;

    const documents: SessionStartResult['documents'] = [];
    for (const template of templates) {
      const added = await client.post<{ item: { id: string } }>(`/sessions/${sessionId}/documents`, { templateId: template.id });
      documents.push({ templateId: template.id, templateName: template.name, itemId: added.item.id });
      this.log(messages.getMessage('info.document', [template.name, added.item.id]));
    }
    // A reused session may already be open; only a planned one needs the invitation.
    if (!flags['pre-plan'] && !inviteAtOnce && status === 'planned') {
      status = (await client.post<SessionView>(`/sessions/${sessionId}/invite`)).session.status;
    }

    const invited = status !== 'planned';
    if (started.reused) this.logSuccess(messages.getMessage('info.resumed', [flags.name, sessionId]));
    else if (invited) this.logSuccess(messages.getMessage('info.started', [sessionId, flags.name]));
    else this.logSuccess(messages.getMessage('info.planned', [sessionId, flags.name]));

    return { sessionId, status, reused: started.reused, invited, customer, crmRecord, documents };
  }
}

async function findTemplates(client: ParleyClient, names: string[]): Promise<{ id: string; name: string }[]> {
  if (names.length === 0) return [];
  const { templates } = await client.get<{ templates: { id: string; name: string }[] }>('/templates');
  return names.map((wanted) => {
    const template = templates.find((t) => t.name === wanted.trim());
    if (!template) {
      const known = templates.length ? templates.map((t) => t.name).join(', ') : messages.getMessage('noTemplates');
      throw messages.createError('error.UnknownTemplate', [wanted], [known]);
    }
    return template;
  });
}
