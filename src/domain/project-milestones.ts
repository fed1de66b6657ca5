/**
 * Project timelines of 城中村 / 棚改 redevelopment (挂图作战, 倒排工期): each project has the ten
 * steps below with a planned and an actual date; the timeline shows what is done, done late, due
 * this week and overdue ("以周保月、以月保季、以季保年"). Not the quarterly target milestones of
 * milestones.ts.
 */
import { isoWeekOf } from './iso-week';

/** The steps of a project, in the order the 棚户区改造 documents set their deadlines. */
export const PROJECT_MILESTONE_KINDS = [
  '征收方案公布',
  '社会稳定风险评估',
  '征收决定',
  '签约完成',
  '腾空',
  '拆除',
  '招标',
  '规划土地手续',
  '开工',
  '安置房建成',
] as const;
export type ProjectMilestoneKind = (typeof PROJECT_MILESTONE_KINDS)[number];

export interface ProjectMilestone {
  id: string;
  projectId: string;
  projectName: string;
  townshipId: string;
  /** The 城中村 block the project redevelops, or null for a 棚改 project without one. */
  villageBlockId: string | null;
  kind: ProjectMilestoneKind;
  /** Position of `kind` in PROJECT_MILESTONE_KINDS (0–9). */
  sequence: number;
  plannedOn: string;
  /** Date it was actually reached, or null while open. */
  actualOn: string | null;
}

export type MilestoneState = 'done' | 'doneLate' | 'overdue' | 'dueThisWeek' | 'upcoming';

export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  done: '按期完成',
  doneLate: '延期完成',
  overdue: '已逾期',
  dueThisWeek: '本周到期',
  upcoming: '未到期',
};

/**
 * The state of a milestone on `today`: reached on or before the plan → done, after → doneLate;
 * open with the planned date before today → overdue; open and due between today and this week's
 * Sunday → dueThisWeek; otherwise upcoming. A date reached after `today` counts as open.
 */
export function milestoneState(milestone: Pick<ProjectMilestone, 'plannedOn' | 'actualOn'>, today: string): MilestoneState {
  const { plannedOn, actualOn } = milestone;
  if (actualOn !== null && actualOn <= today) return actualOn <= plannedOn ? 'done' : 'doneLate';
  if (plannedOn < today) return 'overdue';
  return plannedOn <= isoWeekOf(today).sunday ? 'dueThisWeek' : 'upcoming';
}

export interface ProjectTimeline {
  projectId: string;
  projectName: string;
  townshipId: string;
  villageBlockId: string | null;
  /** Milestones in step order, each with its state. */
  milestones: (ProjectMilestone & { state: MilestoneState })[];
  doneCount: number;
  overdueCount: number;
  dueThisWeekCount: number;
}

/** Groups milestones by project (projects in order of first appearance), steps in order. */
export function projectTimelines(milestones: readonly ProjectMilestone[], today: string): ProjectTimeline[] {
  const byProject = new Map<string, ProjectTimeline>();
  for (const milestone of milestones) {
    let timeline = byProject.get(milestone.projectId);
    if (!timeline) {
      timeline = { projectId: milestone.projectId, projectName: milestone.projectName, townshipId: milestone.townshipId, villageBlockId: milestone.villageBlockId, milestones: [], doneCount: 0, overdueCount: 0, dueThisWeekCount: 0 };
      byProject.set(milestone.projectId, timeline);
    }
    const state = milestoneState(milestone, today);
    timeline.milestones.push({ ...milestone, state });
    if (state === 'done' || state === 'doneLate') timeline.doneCount++;
    if (state === 'overdue') timeline.overdueCount++;
    if (state === 'dueThisWeek') timeline.dueThisWeekCount++;
  }
  for (const timeline of byProject.values()) timeline.milestones.sort((a, b) => a.sequence - b.sequence);
  return [...byProject.values()];
}

/**
 * Records a milestone as reached on `isoDate`. Refused when it is already reached, when the date
 * is in the future, or when the previous step of the project is still open (倒排工期 runs in order).
 */
export function completeMilestone(milestone: ProjectMilestone, projectMilestones: readonly ProjectMilestone[], isoDate: string, today: string): { ok: true; value: ProjectMilestone } | { ok: false; error: string } {
  const label = `${milestone.projectName}「${milestone.kind}」`;
  if (milestone.actualOn !== null) return { ok: false, error: `${label}已于 ${milestone.actualOn} 完成` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return { ok: false, error: `${label}：完成日期格式应为 YYYY-MM-DD` };
  if (isoDate > today) return { ok: false, error: `${label}：完成日期 ${isoDate} 晚于今天` };
  const previous = projectMilestones.find((other) => other.projectId === milestone.projectId && other.sequence === milestone.sequence - 1);
  if (previous && previous.actualOn === null) return { ok: false, error: `${label}：上一节点「${previous.kind}」尚未完成` };
  if (previous?.actualOn && isoDate < previous.actualOn) return { ok: false, error: `${label}：完成日期早于上一节点「${previous.kind}」（${previous.actualOn}）` };
  return { ok: true, value: { ...milestone, actualOn: isoDate } };
}
