// GET /services/data/vXX.X/query?q=…: the small part of SOQL Parley sends,
// answered the way Salesforce answers it. Accepted:
//   SELECT f1, f2 FROM Object [WHERE cond [AND cond]…] [LIMIT n]
//   cond: Field = literal | Field != literal | Field IN (literal, …)
//   literal: 'quoted' (\' and \\ escapes), true, false, null, a number
// Anything else is the 400 MALFORMED_QUERY a real org gives a query it cannot
// parse; unknown objects and fields are INVALID_TYPE and INVALID_FIELD.

import { json, restError } from './errors.ts';
import { isWellFormedId, toId18 } from './ids.ts';
import type { RecordStore, StoredRecord } from './record-store.ts';
import { fieldNamed, objectNamed, type FieldDef, type ObjectDef } from './schema.ts';

type Literal = string | number | boolean | null;
interface Condition {
  field: FieldDef;
  op: '=' | '!=' | 'IN';
  values: Literal[];
}
interface Query {
  object: ObjectDef;
  fields: FieldDef[];
  where: Condition[];
  limit?: number;
}

class QueryError {
  readonly response: Response;
  constructor(response: Response) {
    this.response = response;
  }
}

const malformed = (message: string) => new QueryError(restError(400, 'MALFORMED_QUERY', message));

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string; value?: Literal };

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const c = soql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= soql.length) throw malformed("unexpected token: '");
        const d = soql[i]!;
        if (d === '\\') {
          const e = soql[i + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : (e ?? '');
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          value += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: `'${value}'`, value });
    } else if (c === '!' && soql[i + 1] === '=') {
      tokens.push({ kind: 'punct', text: '!=' });
      i += 2;
    } else if ('(),='.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      const m = /^(-?\d+(?:\.\d+)?)|^([A-Za-z_][A-Za-z0-9_.]*)/.exec(soql.slice(i));
      if (!m) throw malformed(`unexpected token: ${c}`);
      tokens.push(m[1] !== undefined ? { kind: 'number', text: m[1], value: Number(m[1]) } : { kind: 'word', text: m[2]! });
      i += m[0].length;
    }
  }
  return tokens;
}

function parse(soql: string): Query {
  const tokens = tokenize(soql);
  let at = 0;
  const peek = () => tokens[at];
  const isKeyword = (word: string) => peek()?.kind === 'word' && peek()!.text.toUpperCase() === word;
  const expectKeyword = (word: string) => {
    if (!isKeyword(word)) throw malformed(`unexpected token: ${peek()?.text ?? '<EOF>'}`);
    at++;
  };
  const expectPunct = (p: string) => {
    if (peek()?.text !== p) throw malformed(`unexpected token: ${peek()?.text ?? '<EOF>'}`);
    at++;
  };
  const word = () => {
    const t = peek();
    if (t?.kind !== 'word') throw malformed(`unexpected token: ${t?.text ?? '<EOF>'}`);
    at++;
    return t.text;
  };

  expectKeyword('SELECT');
  const names = [word()];
  while (peek()?.text === ',') {
    at++;
    names.push(word());
  }
  expectKeyword('FROM');
  const objectName = word();
  const object = objectNamed(objectName);
  if (!object) {
    throw new QueryError(
      restError(
        400,
        'INVALID_TYPE',
        `sObject type '${objectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
      ),
    );
  }
  const column = (name: string): FieldDef => {
    const f = fieldNamed(object, name);
    if (!f) {
      throw new QueryError(
        restError(
          400,
          'INVALID_FIELD',
          `No such column '${name}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
        ),
      );
    }
    return f;
  };
  const fields = names.map(column);

  const literal = (): Literal => {
    const t = peek();
    at++;
    if (t?.kind === 'string' || t?.kind === 'number') return t.value!;
    if (t?.kind === 'word' && /^(true|false|null)$/i.test(t.text)) return t.text.toLowerCase() === 'null' ? null : t.text.toLowerCase() === 'true';
    throw malformed(`unexpected token: ${t?.text ?? '<EOF>'}`);
  };

  const where: Condition[] = [];
  if (isKeyword('WHERE')) {
    at++;
    for (;;) {
      const field = column(word());
      if (isKeyword('IN')) {
        at++;
        expectPunct('(');
        const values = [literal()];
        while (peek()?.text === ',') {
          at++;
          values.push(literal());
        }
        expectPunct(')');
        where.push({ field, op: 'IN', values });
      } else {
        const op = peek()?.text;
        if (op !== '=' && op !== '!=') throw malformed(`unexpected token: ${op ?? '<EOF>'}`);
        at++;
        where.push({ field, op, values: [literal()] });
      }
      if (!isKeyword('AND')) break;
      at++;
    }
  }
  let limit: number | undefined;
  if (isKeyword('LIMIT')) {
    at++;
    const t = peek();
    if (t?.kind !== 'number' || !Number.isInteger(t.value) || (t.value as number) < 0) throw malformed(`unexpected token: ${t?.text ?? '<EOF>'}`);
    limit = t.value as number;
    at++;
  }
  if (at < tokens.length) throw malformed(`unexpected token: ${tokens[at]!.text}`);

  // Salesforce's own restriction on this object: it cannot be listed whole.
  if (object.name === 'ContentDocumentLink' && !where.some((c) => c.op !== '!=' && (c.field.name === 'ContentDocumentId' || c.field.name === 'LinkedEntityId'))) {
    throw malformed(
      "Implementation restriction: ContentDocumentLink requires a filter by a single Id on ContentDocumentId or LinkedEntityId using the equals operator or multiple Id's using the IN operator.",
    );
  }
  return { object, fields, where, ...(limit !== undefined ? { limit } : {}) };
}

/** SOQL compares text without regard to case, ids in either length, and the package's case-sensitive external id exactly. */
function same(field: FieldDef, stored: unknown, wanted: Literal): boolean {
  if (wanted === null) return stored === null || stored === undefined;
  if (stored === null || stored === undefined) return false;
  if ((field.type === 'id' || field.type === 'reference') && typeof wanted === 'string' && isWellFormedId(wanted)) return stored === toId18(wanted);
  if (typeof stored === 'string' && typeof wanted === 'string') {
    return field.name === 'External_Id__c' ? stored === wanted : stored.toLowerCase() === wanted.toLowerCase();
  }
  return stored === wanted;
}

function matches(record: StoredRecord, condition: Condition): boolean {
  const hit = condition.values.some((v) => same(condition.field, record[condition.field.name], v));
  return condition.op === '!=' ? !hit : hit;
}

export function runQuery(store: RecordStore, soql: string, apiVersion: string): { response: Response; records: number } {
  let query: Query;
  try {
    query = parse(soql);
  } catch (e) {
    if (e instanceof QueryError) return { response: e.response, records: 0 };
    throw e;
  }
  const { object, fields, where, limit } = query;
  const found = store.all(object.name).filter((r) => where.every((c) => matches(r, c)));
  const rows = (limit === undefined ? found : found.slice(0, limit)).map((r) => {
    const row: Record<string, unknown> = { attributes: { type: object.name, url: `/services/data/v${apiVersion}/sobjects/${object.name}/${r.Id}` } };
    for (const f of fields) {
      // Blob fields are answered as the URL that serves them, not inline.
      row[f.name] = f.type === 'base64' ? `/services/data/v${apiVersion}/sobjects/${object.name}/${r.Id}/${f.name}` : (r[f.name] ?? null);
    }
    return row;
  });
  return { response: json(200, { totalSize: rows.length, done: true, records: rows }), records: rows.length };
}
