/**
 * The attribute form of a zone (new or existing): name, type, township, responsible unit, planned
 * start and finish, target demolition area. The values are checked by `parseZoneAttributes`; the
 * form shows a message per invalid field and hands valid properties to `onSave`.
 */
import type { ReactNode } from 'react';
import { formatArea } from '../../domain/area-units';
import { ZONE_TYPES, type ZoneProperties } from '../../domain/records';
import type { ZoneAttributeInput } from '../../state/zone-attributes';
import { useZoneAttributeForm } from '../../ui/use-zone-attribute-form';

export interface ZoneFormProps {
  title: string;
  initial: ZoneAttributeInput;
  townships: readonly { id: string; name: string }[];
  /** The zone's area (m²), shown above the form; null to leave it out. */
  areaSquareMeters: number | null;
  onSave(properties: ZoneProperties): void;
  onCancel(): void;
}

function Field({ label, error, children }: { label: string; error: string | undefined; children: ReactNode }) {
  return (
    <label className="zone-form-field">
      <span>{label}</span>
      {children}
      {error && <em className="zone-form-error" role="alert">{error}</em>}
    </label>
  );
}

export function ZoneForm({ title, initial, townships, areaSquareMeters, onSave, onCancel }: ZoneFormProps) {
  const { values, errors, set, submit } = useZoneAttributeForm(initial, townships.map((township) => township.id), onSave);

  const area = areaSquareMeters === null ? null : formatArea(areaSquareMeters);
  return (
    <aside className="feature-panel zone-form" data-testid="zone-form" aria-label={title}>
      <header>
        <span className="feature-kind">改造区块</span>
        <h2>{title}</h2>
      </header>
      {area && <p className="zone-form-area" data-testid="zone-form-area">面积 {area.squareMeters}（{area.mu}）</p>}
      <form onSubmit={submit} noValidate>
        <Field label="区块名称" error={errors.name}>
          <input data-testid="zone-form-name" value={values.name} onChange={set('name')} autoFocus />
        </Field>
        <Field label="区块类型" error={errors.zoneType}>
          <select data-testid="zone-form-type" value={values.zoneType} onChange={set('zoneType')}>
            {ZONE_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </Field>
        <Field label="所属乡镇" error={errors.townshipId}>
          <select data-testid="zone-form-township" value={values.townshipId} onChange={set('townshipId')}>
            <option value="">（请选择）</option>
            {townships.map((township) => <option key={township.id} value={township.id}>{township.name}</option>)}
          </select>
        </Field>
        <Field label="责任单位" error={errors.responsibleUnit}>
          <input data-testid="zone-form-unit" value={values.responsibleUnit} onChange={set('responsibleUnit')} />
        </Field>
        <Field label="计划开工" error={errors.plannedStart}>
          <input type="date" data-testid="zone-form-start" value={values.plannedStart} onChange={set('plannedStart')} />
        </Field>
        <Field label="计划完成" error={errors.plannedFinish}>
          <input type="date" data-testid="zone-form-finish" value={values.plannedFinish} onChange={set('plannedFinish')} />
        </Field>
        <Field label="目标拆除面积（m²）" error={errors.targetDemolitionSquareMeters}>
          <input inputMode="decimal" data-testid="zone-form-target" value={values.targetDemolitionSquareMeters} onChange={set('targetDemolitionSquareMeters')} />
        </Field>
        <div className="zone-form-actions">
          <button type="submit" className="primary" data-testid="zone-form-save">保存</button>
          <button type="button" data-testid="zone-form-cancel" onClick={onCancel}>取消</button>
        </div>
      </form>
    </aside>
  );
}
