// The batch dialog's one participant list for all its documents: the roles
// asked are the union of the chosen templates' roles beyond Customer and
// Agent, a role named alike in two templates being one person; each
// document is then sent the choices for the roles it has. Pure, so the
// rules are tested without a page (test/worker/ui/batch-dialog.test.ts).
import { rolesToAsk, type ParticipantList, type TemplateRole } from './participant-list';

/**
 * The roles to ask for, in the order they first appear. A role required by
 * any of the templates is asked as required: whoever is chosen takes it in
 * every document, and one of them cannot do without it.
 */
export function unionOfRoles(templates: TemplateRole[][]): TemplateRole[] {
  const union = new Map<string, TemplateRole>();
  for (const roles of templates) {
    for (const role of rolesToAsk(roles)) {
      const seen = union.get(role.name);
      union.set(role.name, { name: role.name, required: role.required || (seen?.required ?? false) });
    }
  }
  return [...union.values()];
}

/** One document's part of the list: the choices for the roles its template has (the API refuses a role a document does not have). */
export function listForDocument(list: ParticipantList, roles: TemplateRole[]): ParticipantList | undefined {
  const mine = Object.fromEntries(roles.filter((r) => list[r.name] !== undefined).map((r) => [r.name, list[r.name]!]));
  return Object.keys(mine).length ? mine : undefined;
}
