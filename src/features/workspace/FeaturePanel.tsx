/**
 * The attribute panel of the selected feature. Every value is rendered as React text (never as
 * HTML), so markup in imported data shows literally.
 */
import { useState, type ReactNode } from 'react';
import type { ViolationStatus } from '../../domain/violation-status';
import type { FeatureDetails } from '../../state/feature-details';
import type { ZoneDetails } from '../../state/zone-details';
import { AreaFigures } from '../../ui/AreaFigures';
import { ZoneDetailsSection } from './ZoneDetailsSection';
import type { ProjectService } from '../../state/project-service';
import { HistorySection } from './HistorySection';

export interface FeaturePanelProps {
  details: FeatureDetails;
  /** For a zone: its statistics and coverage. */
  zoneDetails?: ZoneDetails | null;
  onClose(): void;
  onAdvanceStatus(to: ViolationStatus): void;
  onEditZoneAttributes?(): void;
  error: string | null;
  /** Sections after the attributes (the zone's land-use plan, a park site's allocation). */
  children?: ReactNode;
  /** Given: a violation's or zone's edit history (修改记录) is shown from the journal. */
  service?: ProjectService;
}

function StatusControl({ details, onAdvanceStatus }: Pick<FeaturePanelProps, 'details' | 'onAdvanceStatus'>) {
  const next = details.violationStatus?.next ?? [];
  const [choice, setChoice] = useState<ViolationStatus | ''>('');
  const selected = choice && next.includes(choice) ? choice : next[0];
  if (!details.violationStatus) return null;
  if (!selected) return <p className="status-final">已销号，无后续状态。</p>;
  return (
    <div className="status-control">
      <label>
        推进状态：
        <select
          data-testid="violation-status-next"
          value={selected}
          onChange={(event) => setChoice(event.target.value as ViolationStatus)}
        >
          {next.map((status) => <option key={status} value={status}>{status}</option>)}
        </select>
      </label>
      <button type="button" data-testid="violation-status-apply" onClick={() => onAdvanceStatus(selected)}>
        确认
      </button>
    </div>
  );
}

export function FeaturePanel({ details, zoneDetails, onClose, onAdvanceStatus, onEditZoneAttributes, error, children, service }: FeaturePanelProps) {
  return (
    <aside className="feature-panel" data-testid="feature-panel" aria-label="要素属性">
      <header>
        <span className="feature-kind">{details.layerLabel}</span>
        <h2>{details.title}</h2>
        <button type="button" className="close" data-testid="feature-panel-close" title="关闭" onClick={onClose}>×</button>
      </header>
      {details.areaSquareMeters !== null && <AreaFigures areaSquareMeters={details.areaSquareMeters} />}
      <dl>
        {details.rows.map((row) => (
          <div key={row.label} className="attribute-row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      <StatusControl details={details} onAdvanceStatus={onAdvanceStatus} />
      {zoneDetails && <ZoneDetailsSection details={zoneDetails} onEditAttributes={() => onEditZoneAttributes?.()} />}
      {children}
      {error && <p className="panel-error" role="alert">{error}</p>}
      {service && (details.layerId === 'violations' || details.layerId === 'zones') && (
        <HistorySection service={service} kind={details.layerId} recordId={details.id} />
      )}
    </aside>
  );
}
