/**
 * The compact attribute panel of a violation or zone picked on #/compare: its attributes (as text,
 * never HTML), its area and, for a violation, the next lifecycle step (above the attributes, so it
 * needs no scrolling), applied as one saved edit.
 */
import { useState } from 'react';
import type { ViolationStatus } from '../../domain/violation-status';
import type { FeatureDetails } from '../../state/feature-details';
import { AreaFigures } from '../../ui/AreaFigures';

export interface CompareFeaturePanelProps {
  details: FeatureDetails;
  onClose(): void;
  onAdvanceStatus(to: ViolationStatus): void;
  error: string | null;
}

export function CompareFeaturePanel({ details, onClose, onAdvanceStatus, error }: CompareFeaturePanelProps) {
  const next = details.violationStatus?.next ?? [];
  const [choice, setChoice] = useState<ViolationStatus | ''>('');
  const selected = choice && next.includes(choice) ? choice : next[0];
  return (
    <section className="patch-panel compare-feature-panel" data-testid="compare-feature-panel" data-layer={details.layerId} data-record-id={details.id} aria-label="要素属性">
      <header>
        <span className="feature-kind">{details.layerLabel}</span>
        <h2>{details.title}</h2>
        <button type="button" className="close" title="关闭" onClick={onClose}>×</button>
      </header>
      {details.areaSquareMeters !== null && <AreaFigures areaSquareMeters={details.areaSquareMeters} />}
      {details.violationStatus && !selected && <p className="muted">已销号，无后续状态。</p>}
      {details.violationStatus && selected && (
        <div className="patch-step-form">
          <label>推进状态（当前：{details.violationStatus.current}）
            <select data-testid="violation-status-next" value={selected} onChange={(event) => setChoice(event.target.value as ViolationStatus)}>
              {next.map((status) => <option key={status} value={status}>{status}</option>)}
            </select>
          </label>
          <button type="button" data-testid="violation-status-apply" onClick={() => onAdvanceStatus(selected)}>确认</button>
        </div>
      )}
      {error && <p className="hint" role="alert">{error}</p>}
      <dl className="compare-attributes">
        {details.rows.map((row) => (
          <div key={row.label}><dt>{row.label}</dt><dd>{row.value}</dd></div>
        ))}
      </dl>
    </section>
  );
}
