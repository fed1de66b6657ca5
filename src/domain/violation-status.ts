/**
 * The lifecycle of a violation record (违建图斑):
 * 发现 → 认定 → 处置中 → 已拆除 / 已整改 → 销号.
 */
export const VIOLATION_STATUSES = ['发现', '认定', '处置中', '已拆除', '已整改', '销号'] as const;
export type ViolationStatus = (typeof VIOLATION_STATUSES)[number];

const NEXT_STATUSES: Record<ViolationStatus, readonly ViolationStatus[]> = {
  发现: ['认定'],
  认定: ['处置中'],
  处置中: ['已拆除', '已整改'],
  已拆除: ['销号'],
  已整改: ['销号'],
  销号: [],
};

export function isViolationStatus(value: unknown): value is ViolationStatus {
  return typeof value === 'string' && (VIOLATION_STATUSES as readonly string[]).includes(value);
}

/** The statuses a violation may move to next; empty for 销号 (closed). */
export function nextViolationStatuses(status: ViolationStatus): readonly ViolationStatus[] {
  return NEXT_STATUSES[status];
}

export function canTransitionViolation(from: ViolationStatus, to: ViolationStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/**
 * Whether the building has physically gone. 销号 follows 已拆除 or 已整改, so a closed record
 * counts as demolished only when its history says it was demolished.
 */
export function isDemolished(status: ViolationStatus, statusDates: StatusDates): boolean {
  if (status === '已拆除') return true;
  return status === '销号' && statusDates['已拆除'] !== undefined;
}

/** Whether the violation has been disposed of (拆除 or 整改 done, or closed). */
export function isDisposed(status: ViolationStatus): boolean {
  return status === '已拆除' || status === '已整改' || status === '销号';
}

/** ISO dates (YYYY-MM-DD) on which the record entered each status it has passed through. */
export type StatusDates = Partial<Record<ViolationStatus, string>>;
