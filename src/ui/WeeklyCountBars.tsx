/**
 * Weekly counts as a row of small bars with the count over each (e.g. 新增违建 per week, which
 * should fall to zero). Presentational: the weeks come in props; the last one is the current week.
 */
import './weekly-count-bars.css';

const BAR_HEIGHT_PIXELS = 40;

export interface WeeklyCountBarsProps {
  testId: string;
  weeks: readonly { monday: string; count: number }[];
  /** Shown under the bars. */
  caption: string;
}

export function WeeklyCountBars({ testId, weeks, caption }: WeeklyCountBarsProps) {
  const highest = Math.max(1, ...weeks.map((week) => week.count));
  const current = weeks.at(-1);
  return (
    <figure className="weekly-count-bars" data-testid={testId} data-this-week={current?.count ?? 0} data-counts={weeks.map((week) => week.count).join(',')}>
      <div className="weekly-count-bars-plot">
        {weeks.map((week, index) => (
          <div key={week.monday} className={`weekly-count-bar${index === weeks.length - 1 ? ' current' : ''}`} title={`${week.monday} 起一周：${week.count} 处`}>
            <span className="weekly-count-value">{week.count}</span>
            <span className="weekly-count-fill" style={{ height: `${Math.round((week.count / highest) * BAR_HEIGHT_PIXELS)}px` }} />
            <span className="weekly-count-label">{week.monday.slice(5)}</span>
          </div>
        ))}
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
