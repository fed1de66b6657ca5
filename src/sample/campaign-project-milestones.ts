/**
 * Sample project timelines (挂图作战): one 城中村改造 project per 城中村 block (up to `count`), ten
 * milestones each, planned backwards from the resettlement housing date (倒排工期); steps reached
 * so far carry actual dates (some late); every third project stalled weeks ago, so its open steps
 * planned since are overdue as of AS_OF; the first open step of some others falls due that week.
 */
import { isoWeekOf } from '../domain/iso-week';
import { PROJECT_MILESTONE_KINDS, type ProjectMilestone } from '../domain/project-milestones';
import type { VillageBlock } from '../domain/records';
import { AS_OF, AS_OF_DAY, dayOf, isoDate } from './calendar';
import type { Random } from './random';

/** Days from one step to the next, in step order (征收方案公布 → 社会稳定风险评估 …). */
const GAPS = [0, 30, 25, 75, 45, 60, 30, 45, 45, 540];

export function createProjectMilestones(random: Random, villageBlocks: readonly VillageBlock[], count: number): ProjectMilestone[] {
  const milestones: ProjectMilestone[] = [];
  const sunday = dayOf(isoWeekOf(AS_OF).sunday);
  villageBlocks.slice(0, count).forEach((block, projectIndex) => {
    const projectId = `project-${String(projectIndex + 1).padStart(2, '0')}`;
    let planned = dayOf('2026-01-10') + random.integer(0, 150);
    let actual: number | null = planned + random.integer(-5, 10);
    const lateness = random.range(0, 1.2);
    const dueThisWeek = projectIndex % 4 === 1;
    // Every third project stalled some weeks ago: its steps planned since then are overdue.
    const cutoff = projectIndex % 3 === 0 ? AS_OF_DAY - random.integer(20, 60) : AS_OF_DAY;
    PROJECT_MILESTONE_KINDS.forEach((kind, sequence) => {
      planned += (GAPS[sequence] ?? 30) + (sequence === 0 ? 0 : random.integer(-5, 5));
      if (actual !== null && sequence > 0) actual = Math.max(actual, planned + Math.round(random.normal() * 8 + lateness * 12)) + 1;
      if (actual !== null && actual > cutoff) {
        actual = null;
        // The first open step of some projects falls due this week (to show 本周到期).
        if (dueThisWeek && planned > AS_OF_DAY) planned = random.integer(AS_OF_DAY, sunday);
      }
      milestones.push({
        id: `${projectId}-${String(sequence + 1).padStart(2, '0')}`,
        projectId,
        projectName: `${block.properties.name}改造项目`,
        townshipId: block.properties.townshipId,
        villageBlockId: block.id,
        kind,
        sequence,
        plannedOn: isoDate(planned),
        actualOn: actual === null ? null : isoDate(actual),
      });
    });
  });
  return milestones;
}
