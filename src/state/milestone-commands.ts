/** User commands on project milestones (挂图作战), turned into saved edits. */
import { completeMilestone } from '../domain/project-milestones';
import type { ProjectService } from './project-service';
import { isoDateOf } from './violation-commands';

/**
 * Records a milestone as reached on `isoDate` (default today) and saves it as one edit. Resolves
 * with the refusal (in Chinese, naming the project and step) or null.
 */
export async function completeProjectMilestone(service: ProjectService, milestoneId: string, isoDate?: string): Promise<string | null> {
  const milestones = service.store.getState().records.milestones;
  const milestone = milestones.find((record) => record.id === milestoneId);
  if (!milestone) return `找不到项目节点 ${milestoneId}`;
  const today = isoDateOf(service.now());
  const result = completeMilestone(milestone, milestones, isoDate ?? today, today);
  if (!result.ok) return result.error;
  await service.saveRecords('milestones', [result.value], [], '节点完成').catch(() => undefined);
  return null;
}
