/**
 * 挂图作战 (#/timeline): each 城中村 / 棚改 project's ten milestones (倒排工期) as a row of planned vs
 * actual dates, coloured done / done late / overdue / due this week, with the counts of overdue and
 * due-this-week steps on top and a button to record the next step as done today.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { isoWeekOf } from '../../domain/iso-week';
import { MILESTONE_STATE_LABELS, PROJECT_MILESTONE_KINDS, projectTimelines, type MilestoneState } from '../../domain/project-milestones';
import { completeProjectMilestone } from '../../state/milestone-commands';
import type { ProjectService } from '../../state/project-service';
import { isoDateOf } from '../../state/violation-commands';
import './campaign.css';

const LEGEND: MilestoneState[] = ['done', 'doneLate', 'overdue', 'dueThisWeek', 'upcoming'];

export function TimelineView({ service, onReady }: { service: ProjectService; onReady(): void }) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const today = isoDateOf(service.now());
  const week = isoWeekOf(today);
  const [error, setError] = useState<string | null>(null);
  const timelines = useMemo(() => projectTimelines(state.records.milestones, today), [state.records.milestones, today]);
  const townshipNames = useMemo(() => new Map(state.records.townships.map((township) => [township.id, township.properties.name])), [state.records.townships]);
  const overdue = timelines.reduce((sum, timeline) => sum + timeline.overdueCount, 0);
  const due = timelines.reduce((sum, timeline) => sum + timeline.dueThisWeekCount, 0);
  const ready = state.phase === 'ready';
  useEffect(() => {
    if (ready) onReady();
  }, [ready, onReady]);

  async function complete(milestoneId: string) {
    setError(await completeProjectMilestone(service, milestoneId));
  }

  return (
    <div className="timeline" data-testid="timeline">
      <div className="campaign-summary">
        <h2>挂图作战 · 倒排工期</h2>
        <span>今天 {today}（本周 {week.monday} 至 {week.sunday}）</span>
        <span data-testid="timeline-overdue-count" data-value={overdue}>已逾期节点 <strong>{overdue}</strong> 个</span>
        <span data-testid="timeline-due-count" data-value={due}>本周到期 <strong>{due}</strong> 个</span>
        <span className="timeline-legend">{LEGEND.map((entry) => <span key={entry} className="timeline-step" data-state={entry}>{MILESTONE_STATE_LABELS[entry]}</span>)}</span>
      </div>
      {error && <p className="panel-error" role="alert" data-testid="timeline-refusal">{error}</p>}
      {timelines.length === 0 ? <p>尚无项目节点数据。</p> : (
        <table className="timeline-table">
          <thead>
            <tr><th>项目</th><th>乡镇</th><th>进度</th>{PROJECT_MILESTONE_KINDS.map((kind) => <th key={kind}>{kind}</th>)}</tr>
          </thead>
          <tbody>
            {timelines.map((timeline) => {
              const next = timeline.milestones.find((milestone) => milestone.actualOn === null);
              return (
                <tr key={timeline.projectId} data-testid="timeline-project" data-project-id={timeline.projectId} data-overdue={timeline.overdueCount}>
                  <th>{timeline.projectName}</th>
                  <td>{townshipNames.get(timeline.townshipId) ?? ''}</td>
                  <td>{timeline.doneCount}/{timeline.milestones.length}</td>
                  {timeline.milestones.map((milestone) => (
                    <td key={milestone.id} className="timeline-step" data-testid="timeline-milestone" data-milestone-id={milestone.id} data-state={milestone.state}
                      title={`${milestone.kind}：${MILESTONE_STATE_LABELS[milestone.state]}`}>
                      <span className="dates">计划 {milestone.plannedOn}</span>
                      <span className="dates">实际 {milestone.actualOn ?? '—'}</span>
                      {milestone.state !== 'done' && milestone.state !== 'doneLate' && <span>{MILESTONE_STATE_LABELS[milestone.state]}</span>}
                      {next?.id === milestone.id && (
                        <button type="button" data-testid="timeline-complete" onClick={() => void complete(milestone.id)}>今日完成</button>
                      )}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
