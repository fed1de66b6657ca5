/**
 * The field mapping table: for each attribute of the target layer, its source — a field of the
 * file (with sample values), a constant, or nothing (the layer's default) — and, for attributes
 * that take one of a list, what each value found in the file becomes. The area is never mapped:
 * it is recomputed on the ellipsoid.
 */
import type { AttributeSource, FieldMapping, SourceField, TargetAttribute } from '../../state/import-field-mapping';
import { guessValueMap } from '../../state/import-field-mapping';

interface Props {
  attributes: readonly TargetAttribute[];
  fields: readonly SourceField[];
  mapping: FieldMapping;
  showsArea: boolean;
  onChange(mapping: FieldMapping): void;
}

const choiceOf = (source: AttributeSource): string => (source.from === 'field' ? `field:${source.field}` : source.from);

function ValueMapping({ attribute, field, source, onChange }: { attribute: TargetAttribute; field: SourceField | undefined; source: Extract<AttributeSource, { from: 'field' }>; onChange(source: AttributeSource): void }) {
  if (!attribute.values || !field || field.distinctValues.length === 0) return null;
  const values = source.values ?? {};
  return (
    <div className="value-mapping">
      {field.distinctValues.map((value) => (
        <label key={value}>
          <span className="source-value">{value}</span> →{' '}
          <select data-testid={`field-mapping-${attribute.key}-value`} data-source-value={value} value={values[value] ?? ''}
            onChange={(event) => onChange({ ...source, values: { ...values, [value]: event.target.value } })}>
            <option value="">（默认值）</option>
            {attribute.values!.map((allowed) => <option key={allowed} value={allowed}>{allowed}</option>)}
          </select>
        </label>
      ))}
      {field.distinctOverflow && <p className="hint">取值超过 {field.distinctValues.length} 种，未列出的按名称自动识别。</p>}
    </div>
  );
}

export function FieldMappingTable({ attributes, fields, mapping, showsArea, onChange }: Props) {
  const set = (key: string, source: AttributeSource) => onChange({ ...mapping, [key]: source });
  const choose = (attribute: TargetAttribute, choice: string) => {
    if (choice === 'empty') set(attribute.key, { from: 'empty' });
    else if (choice === 'constant') set(attribute.key, { from: 'constant', value: '' });
    else {
      const field = fields.find((candidate) => `field:${candidate.name}` === choice);
      if (field) set(attribute.key, { from: 'field', field: field.name, ...(attribute.values ? { values: guessValueMap(field, attribute.values) } : {}) });
    }
  };
  return (
    <table className="field-mapping" data-testid="field-mapping">
      <thead><tr><th>图层属性</th><th>取自</th></tr></thead>
      <tbody>
        {attributes.map((attribute) => {
          const source = mapping[attribute.key] ?? { from: 'empty' as const };
          const field = source.from === 'field' ? fields.find((candidate) => candidate.name === source.field) : undefined;
          return (
            <tr key={attribute.key} data-attribute={attribute.key}>
              <td>{attribute.label}</td>
              <td>
                <select data-testid={`field-mapping-${attribute.key}`} value={choiceOf(source)} onChange={(event) => choose(attribute, event.target.value)}>
                  <option value="empty">（空，用默认值）</option>
                  <option value="constant">固定值…</option>
                  {fields.map((candidate) => (
                    <option key={candidate.name} value={`field:${candidate.name}`}>
                      字段 {candidate.name}{candidate.samples.length > 0 ? `（如 ${candidate.samples.join('、')}）` : ''}
                    </option>
                  ))}
                </select>
                {source.from === 'constant' && (
                  attribute.values ? (
                    <select data-testid={`field-mapping-${attribute.key}-constant`} value={source.value} onChange={(event) => set(attribute.key, { from: 'constant', value: event.target.value })}>
                      <option value="">（请选择）</option>
                      {attribute.values.map((allowed) => <option key={allowed} value={allowed}>{allowed}</option>)}
                    </select>
                  ) : (
                    <input data-testid={`field-mapping-${attribute.key}-constant`} value={source.value} onChange={(event) => set(attribute.key, { from: 'constant', value: event.target.value })} />
                  )
                )}
                {source.from === 'field' && <ValueMapping attribute={attribute} field={field} source={source} onChange={(next) => set(attribute.key, next)} />}
              </td>
            </tr>
          );
        })}
        {showsArea && (
          <tr><td>面积（m²）</td><td className="hint">按 CGCS2000 椭球面积由图形重新计算（不取文件中的面积字段）</td></tr>
        )}
        <tr><td>所属乡镇 / 村</td><td className="hint">按位置自动判定（文件中有 townshipId / villageId 时沿用）</td></tr>
      </tbody>
    </table>
  );
}
