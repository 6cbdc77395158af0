// Each command's --json result has a JSON schema in the plugin's schemas/
// folder (plugin-template-sf's convention, one file per command id). Tests
// check real results against it, so the schema can't drift from the type.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { PLUGIN_ROOT } from './run-command.js';

const ajv = new Ajv({ allErrors: true, strict: true });

/** Problems of a result against the schema of a command ("parley org connect" → schemas/parley-org-connect.json); empty when it fits. */
export function schemaProblems(commandId: string, result: unknown): string[] {
  const file = `${PLUGIN_ROOT}schemas/${commandId.replaceAll(' ', '-')}.json`;
  const validate = ajv.getSchema(file) ?? (ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')) as object, file), ajv.getSchema(file)!);
  return validate(result) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
