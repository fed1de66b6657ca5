/**
 * The minimal form of a zone drawn on #/compare: name, 类型 and 乡镇 (preset to the township the
 * polygon lies in), checked by `parseZoneAttributes` (the workspace form's rules), or the reason the
 * drawn polygon cannot be a zone.
 */
import { formatArea } from '../../domain/area-units';
import { ZONE_TYPES, type ZoneProperties } from '../../domain/records';
import { defaultZoneAttributeInput } from '../../state/zone-attributes';
import { useZoneAttributeForm } from '../../ui/use-zone-attribute-form';
import type { ZoneDraft } from './compare-zone-draft';

export interface CompareZoneFormProps {
  draft: ZoneDraft;
  townships: readonly { id: string; name: string }[];
  saving: boolean;
  error: string | null;
  onSave(properties: ZoneProperties): void;
  onCancel(): void;
}

export function CompareZoneForm({ draft, townships, saving, error, onSave, onCancel }: CompareZoneFormProps) {
  const { values, errors, set, submit } = useZoneAttributeForm(() => defaultZoneAttributeInput(draft.ok ? (draft.townshipId ?? '') : ''), townships.map((township) => township.id), onSave);

  const area = draft.ok ? formatArea(draft.areaSquareMeters) : null;
  return (
    <section className="patch-panel compare-zone-form" data-testid="compare-zone-form" aria-label="新建改造区块">
      <header>
        <span className="feature-kind">改造区块</span>
        <h2>新建改造区块</h2>
      </header>
      {!draft.ok && <p className="hint" role="alert" data-testid="compare-zone-form-error">{draft.reason}，请取消后重画。</p>}
      {area && <p className="muted">面积 {area.squareMeters}（{area.mu}）</p>}
      <form className="patch-step-form" onSubmit={submit} noValidate>
        <label>区块名称
          <input data-testid="compare-zone-form-name" value={values.name} onChange={set('name')} autoFocus />
          {errors.name && <em className="hint" role="alert">{errors.name}</em>}
        </label>
        <label>类型
          <select data-testid="compare-zone-form-type" value={values.zoneType} onChange={set('zoneType')}>
            {ZONE_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
          </select>
        </label>
        <label>乡镇
          <select data-testid="compare-zone-form-township" value={values.townshipId} onChange={set('townshipId')}>
            <option value="">（请选择）</option>
            {townships.map((township) => <option key={township.id} value={township.id}>{township.name}</option>)}
          </select>
          {errors.townshipId && <em className="hint" role="alert">{errors.townshipId}</em>}
        </label>
        {error && <p className="hint" role="alert">{error}</p>}
        <div className="compare-zone-form-actions">
          <button type="submit" className="primary" data-testid="compare-zone-form-save" disabled={!draft.ok || saving}>{saving ? '正在保存…' : '保存区块'}</button>
          <button type="button" data-testid="compare-zone-form-cancel" onClick={onCancel}>取消</button>
        </div>
      </form>
    </section>
  );
}
