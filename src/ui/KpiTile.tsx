/**
 * A large-figure tile for the wall screen: label, the figure with its unit, detail lines and an
 * optional progress bar with a marker (e.g. the milestone due). The raw figure is carried in
 * `data-value` for automation. Presentational only; sizes are in em so the tile scales with its
 * container's font size.
 */
export type KpiTileTone = 'good' | 'warning' | 'bad' | 'neutral';

export interface KpiTileProps {
  testId: string;
  label: string;
  /** The figure as shown. */
  text: string;
  unit: string;
  /** The raw figure (m², a count or a rate 0…1); null when there is none. */
  value: number | null;
  details: readonly string[];
  tone: KpiTileTone;
  progress: { share: number; marker: number | null; markerLabel: string | null } | null;
  /** Extra raw figures, rendered as `data-<key>` attributes (keys in camelCase become kebab-case). */
  data?: Readonly<Record<string, number | string | null>>;
  className?: string;
}

function dataAttributes(data: Readonly<Record<string, number | string | null>> | undefined): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    attributes[`data-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`] = value === null ? '' : String(value);
  }
  return attributes;
}

const percent = (share: number) => `${Math.max(0, Math.min(100, share * 100))}%`;

export function KpiTile(props: KpiTileProps) {
  const { progress } = props;
  return (
    <article className={`kpi-tile tone-${props.tone} ${props.className ?? ''}`} data-testid={props.testId}
      data-value={props.value === null ? '' : String(props.value)} data-text={props.text} {...dataAttributes(props.data)}>
      <h3 className="kpi-label">{props.label}</h3>
      <p className="kpi-figure">
        <span className="kpi-value">{props.text}</span>
        {props.unit && <span className="kpi-unit">{props.unit}</span>}
      </p>
      {progress && (
        <div className="kpi-progress" role="img" aria-label={`完成 ${Math.round(progress.share * 100)}%`}>
          <div className="kpi-progress-bar" style={{ width: percent(progress.share) }} />
          {progress.marker !== null && <div className="kpi-progress-marker" style={{ left: percent(progress.marker) }} title={progress.markerLabel ?? ''} />}
        </div>
      )}
      {props.details.map((line) => <p key={line} className="kpi-detail">{line}</p>)}
    </article>
  );
}
