// What makes a workflow sendable (domain/workflow-definition.ts), without
// storage: template roles find the workflow's roles by name unless mapped,
// "Agent" is always the agent, and problems come at their paths.
import { describe, expect, it } from 'vitest';
import { workflowDefinitionSchema } from '../../../worker/src/contract/workflows';
import { templateRoleMap, workflowProblems } from '../../../worker/src/domain/workflow-definition';

const TEMPLATES = new Map([['tpl_AAAAAAAAAAAAAAAA', ['Customer', 'Agent']]]);
const parse = (raw: unknown) => workflowDefinitionSchema.parse(raw);

describe('a template step’s roles', () => {
  it('go to the workflow role of their name unless mapped', () => {
    expect(templateRoleMap(['Customer', 'Cosigner'], { Cosigner: 'Partner' })).toEqual({ Customer: 'Customer', Cosigner: 'Partner' });
  });

  it('leave "Agent" to the agent: a one-role workflow with an agent-signed template is whole', () => {
    expect(workflowProblems(parse({ name: 'W', steps: [{ kind: 'template', templateId: 'tpl_AAAAAAAAAAAAAAAA' }] }), TEMPLATES, null)).toEqual([]);
  });
});

describe('a workflow’s roles', () => {
  it('are the customer’s side only: "Agent" is refused as a role', () => {
    const problems = workflowProblems(parse({ name: 'W', roles: [{ name: 'Agent' }, { name: 'Customer' }], steps: [{ kind: 'document_request', documents: [{ category: 'passport' }] }] }), TEMPLATES, null);
    expect(problems).toEqual([
      { path: 'roles.0.name', message: '"Agent" is the agent, not a participant: name the customer\'s roles only' },
      // The request went to the first role, so the customer acts nowhere.
      { path: 'roles.1', message: '"Customer" acts in no step' },
    ]);
  });

  it('each act in some step; a request or payment goes to the first role unless it names one', () => {
    const def = parse({ name: 'W', roles: [{ name: 'Customer' }, { name: 'Partner' }], steps: [{ kind: 'document_request', documents: [{ category: 'passport' }] }] });
    expect(workflowProblems(def, TEMPLATES, null)).toEqual([{ path: 'roles.1', message: '"Partner" acts in no step' }]);
  });
});
