/**
 * The state of a zone attribute form (workspace and #/compare): the field values, a change handler
 * per field, the messages of invalid fields, and a submit handler that checks the values with
 * `parseZoneAttributes` and hands valid properties to `onSave`.
 */
import { useState, type FormEvent } from 'react';
import type { ZoneProperties } from '../domain/records';
import { parseZoneAttributes, type ZoneAttributeField, type ZoneAttributeInput } from '../state/zone-attributes';

export type ZoneAttributeErrors = Partial<Record<ZoneAttributeField, string>>;

export function useZoneAttributeForm(initial: ZoneAttributeInput | (() => ZoneAttributeInput), townshipIds: readonly string[], onSave: (properties: ZoneProperties) => void) {
  const [values, setValues] = useState<ZoneAttributeInput>(initial);
  const [errors, setErrors] = useState<ZoneAttributeErrors>({});
  const set = (field: ZoneAttributeField) => (event: { target: { value: string } }) => setValues((current) => ({ ...current, [field]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = parseZoneAttributes(values, new Set(townshipIds));
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onSave(result.value);
  }

  return { values, errors, set, submit };
}
