/**
 * 网格巡查 (#/patrol): every grid cell with its patrol status this week (cells not patrolled
 * first), the weekly 新增 counts (新增违建零增长), and the report form of the chosen cell.
 * `#/patrol?cell=<id>` opens a cell directly (from the map's attribute panel).
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { newViolationKpi, patrolCellRows } from '../../state/campaign-tables';
import type { ProjectService } from '../../state/project-service';
import { isoDateOf } from '../../state/violation-commands';
import { WeeklyCountBars } from '../../ui/WeeklyCountBars';
import { PatrolForm } from './PatrolForm';
import './campaign.css';

function cellFromHash(): string | null {
  const query = window.location.hash.split('?')[1];
  return query ? new URLSearchParams(query).get('cell') : null;
}

export function PatrolView({ service, onReady }: { service: ProjectService; onReady(): void }) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const today = isoDateOf(service.now());
  const [onlyUnpatrolled, setOnlyUnpatrolled] = useState(false);
  const [cellId, setCellId] = useState<string | null>(cellFromHash);
  const [message, setMessage] = useState<string | null>(null);
  const rows = useMemo(() => patrolCellRows(state.records, today), [state.records, today]);
  const kpi = useMemo(() => newViolationKpi(state.records, today), [state.records, today]);
  const cell = state.records.gridCells.find((candidate) => candidate.id === cellId) ?? null;
  const unpatrolled = rows.filter((row) => !row.patrolledThisWeek).length;
  const ready = state.phase === 'ready';
  useEffect(() => {
    if (ready) onReady();
  }, [ready, onReady]);

  return (
    <div className="campaign-view" data-testid="patrol-view">
      <section className="campaign-list">
        <div className="campaign-summary">
          <WeeklyCountBars testId="new-violation-weeks" weeks={kpi.weeks}
            caption={`新增违建零增长：本周 ${kpi.trend.thisWeek} 处，上周 ${kpi.trend.lastWeek} 处${kpi.trend.zeroWeeks > 0 ? `，已连续 ${kpi.trend.zeroWeeks} 周零新增` : ''}`} />
          <p data-testid="patrol-unpatrolled-count" data-value={unpatrolled}>本周（{today} 所在周）未巡查网格 <strong>{unpatrolled}</strong> / {rows.length} 个</p>
          <label><input type="checkbox" data-testid="patrol-filter-unpatrolled" checked={onlyUnpatrolled} onChange={(event) => setOnlyUnpatrolled(event.target.checked)} /> 只看本周未巡查</label>
        </div>
        <div className="campaign-scroll">
          <table className="campaign-table" data-testid="patrol-cells">
            <thead><tr><th>网格编号</th><th>乡镇</th><th>网格员</th><th>联系电话</th><th>本周</th><th>最近巡查</th></tr></thead>
            <tbody>
              {rows.filter((row) => !onlyUnpatrolled || !row.patrolledThisWeek).map((row) => (
                <tr key={row.id} data-testid="patrol-cell-row" data-cell-id={row.id} data-patrolled={row.patrolledThisWeek ? 'true' : 'false'}
                  className={`selectable${row.id === cellId ? ' selected' : ''}${row.patrolledThisWeek ? '' : ' unpatrolled'}`}
                  onClick={() => { setCellId(row.id); setMessage(null); }}>
                  <td>{row.code}</td><td>{row.townshipName}</td><td>{row.responsiblePerson}</td><td>{row.responsiblePhone}</td>
                  <td className="patrol-state">{row.patrolledThisWeek ? `已巡查 ${row.reportsThisWeek} 次` : '未巡查'}</td><td>{row.lastPatrolOn ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <aside className="campaign-side">
        {message && <p className="patrol-saved" role="status" data-testid="patrol-saved">{message}</p>}
        {cell ? <PatrolForm key={cell.id} service={service} cell={cell} onFiled={setMessage} /> : <p>从左侧列表选择网格（或在规划一张图上点击网格）填写巡查报告。</p>}
      </aside>
    </div>
  );
}
