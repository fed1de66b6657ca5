/** A small legend: one swatch and label per entry. */
export interface LegendEntry {
  label: string;
  color: string;
  shape: 'fill' | 'line' | 'point';
}

export function Legend({ entries, testId }: { entries: readonly LegendEntry[]; testId: string }) {
  return (
    <ul className="legend" data-testid={testId}>
      {entries.map((entry) => (
        <li key={entry.label}>
          <span className={`swatch swatch-${entry.shape}`} style={{ background: entry.shape === 'line' ? 'transparent' : entry.color, borderColor: entry.color }} />
          {entry.label}
        </li>
      ))}
    </ul>
  );
}
