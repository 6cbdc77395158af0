// The customer org's own validation rules: an admin can add rules Parley
// knows nothing about, and a record that breaks one fails alone with
// FIELD_CUSTOM_VALIDATION_EXCEPTION and the rule's message. Tests add rules
// to prove the write-back reports such a record and carries on with the rest.

import { saveError, type SaveError } from './errors.ts';

/** Looks at the record as it would be saved; returns the error message when it breaks the rule. */
export type ValidationRule = (fields: Readonly<Record<string, unknown>>) => string | null | undefined;

export class ValidationRules {
  private readonly rules = new Map<string, ValidationRule[]>();

  add(object: string, rule: ValidationRule): void {
    this.rules.set(object, [...(this.rules.get(object) ?? []), rule]);
  }

  check(object: string, record: Readonly<Record<string, unknown>>): SaveError[] {
    const errors: SaveError[] = [];
    for (const rule of this.rules.get(object) ?? []) {
      const message = rule(record);
      if (message) errors.push(saveError('FIELD_CUSTOM_VALIDATION_EXCEPTION', message));
    }
    return errors;
  }
}
