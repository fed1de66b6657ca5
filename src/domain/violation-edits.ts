/** Pure edits of a violation record. */
import type { Violation } from './records';
import { canTransitionViolation, type ViolationStatus } from './violation-status';

export type TransitionResult = { ok: true; value: Violation } | { ok: false; error: string };

/**
 * Moves a violation to its next lifecycle status on `isoDate`, recording the date. Refuses a
 * transition the lifecycle does not allow (e.g. 发现 → 已拆除), with a reason in Chinese.
 */
export function transitionViolation(violation: Violation, to: ViolationStatus, isoDate: string): TransitionResult {
  const from = violation.properties.status;
  if (!canTransitionViolation(from, to)) {
    return { ok: false, error: `图斑 ${violation.properties.code}：状态不能从「${from}」变为「${to}」` };
  }
  return {
    ok: true,
    value: {
      ...violation,
      properties: { ...violation.properties, status: to, statusDates: { ...violation.properties.statusDates, [to]: isoDate } },
    },
  };
}
