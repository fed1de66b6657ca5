/**
 * The township ranking as horizontal bars (动态排名), each with its rank, name, rate, change against
 * last week and the 红榜 / 黄榜 mark, plus vertical lines at the milestone due and at 100 %.
 * Presentational only.
 */
export interface RankingBar {
  id: string;
  rank: number;
  name: string;
  /** Completion rate, 0…1 (may exceed 1). */
  rate: number;
  rateText: string;
  changeText: string;
  board: 'red' | 'yellow' | null;
}

export interface RankingBarsProps {
  testId: string;
  rows: readonly RankingBar[];
  /** Share of the target already due (0…1); null draws no milestone line. */
  milestoneShare: number | null;
  milestoneLabel: string | null;
}

const BOARD_LABELS = { red: '红榜', yellow: '黄榜' } as const;

export function RankingBars({ testId, rows, milestoneShare, milestoneLabel }: RankingBarsProps) {
  const scale = Math.max(1, ...rows.map((row) => row.rate)) * 1.04;
  const position = (share: number) => `${(Math.max(0, share) / scale) * 100}%`;
  if (rows.length === 0) return <p className="ranking-empty" data-testid={testId}>尚无年度目标，无法排名</p>;
  return (
    <ol className="ranking-bars" data-testid={testId}>
      {rows.map((row) => (
        <li key={row.id} className={`ranking-row board-${row.board ?? 'none'}`} data-township-id={row.id} data-rank={row.rank}
          data-rate={row.rate} data-board={row.board ?? ''}>
          <span className="ranking-rank">{row.rank}</span>
          <span className="ranking-name">{row.name}</span>
          <span className="ranking-track">
            <span className="ranking-bar" style={{ width: position(row.rate) }} />
            {milestoneShare !== null && <span className="ranking-line milestone" style={{ left: position(milestoneShare) }} />}
            <span className="ranking-line full" style={{ left: position(1) }} />
          </span>
          <span className="ranking-rate">{row.rateText}</span>
          <span className="ranking-change">{row.changeText}</span>
          <span className="ranking-board">{row.board ? <span className={`board-mark ${row.board}`}>{BOARD_LABELS[row.board]}</span> : null}</span>
        </li>
      ))}
      <li className="ranking-legend" aria-hidden="true">
        {milestoneShare !== null && <span><i className="legend-line milestone" />{milestoneLabel ?? '节点'} {Math.round(milestoneShare * 100)}%</span>}
        <span><i className="legend-line full" />年度目标 100%</span>
        <span><span className="board-mark red">红榜</span> 进度领先前三</span>
        <span><span className="board-mark yellow">黄榜</span> 滞后于已到期节点</span>
      </li>
    </ol>
  );
}
