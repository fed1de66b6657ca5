/** User commands on violations, turned into saved edits. */
import { transitionViolation } from '../domain/violation-edits';
import type { ViolationStatus } from '../domain/violation-status';
import type { ProjectService } from './project-service';

/** The local calendar date of `date` as YYYY-MM-DD. */
export function isoDateOf(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * Moves a violation to `to` today and saves it as one edit. Resolves with an error message when
 * the record is missing or the lifecycle refuses the step; a storage failure shows in the save
 * status (the change stays in memory).
 */
export async function advanceViolationStatus(service: ProjectService, violationId: string, to: ViolationStatus): Promise<string | null> {
  const violation = service.store.getState().records.violations.find((record) => record.id === violationId);
  if (!violation) return `找不到图斑 ${violationId}`;
  const result = transitionViolation(violation, to, isoDateOf(service.now()));
  if (!result.ok) return result.error;
  await service.saveRecords('violations', [result.value]).catch(() => undefined);
  return null;
}
