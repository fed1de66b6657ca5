/**
 * 无违建 创建: a village (or township) qualifies when every violation in it is disposed (处置到位).
 *
 * "Disposed" here: the violation's status is 已拆除, 已整改 or 销号 (isDisposed in
 * violation-status.ts); or its 分类处置 class is 完善手续 (legalise) or 保留临时使用 (keep
 * temporarily) and the decision has been taken, i.e. it has passed 认定 — those buildings stay
 * standing by design, so once decided they no longer count against the village. 拆除 and 没收
 * (and 新增, which has no class) count only when the building is demolished or rectified.
 * A village with no violations at all qualifies.
 */
import type { DisposalClass, ViolationProperties } from './records';
import { isDisposed, type ViolationStatus } from './violation-status';

const DECIDED: readonly ViolationStatus[] = ['认定', '处置中', '已拆除', '已整改', '销号'];
const KEPT_CLASSES: readonly DisposalClass[] = ['完善手续', '保留临时使用'];

/** Whether a violation no longer stands in the way of 无违建 (see the file comment). */
export function isSettledForNoViolation(properties: Pick<ViolationProperties, 'status' | 'disposalClass'>): boolean {
  if (isDisposed(properties.status)) return true;
  return properties.disposalClass !== null && KEPT_CLASSES.includes(properties.disposalClass) && DECIDED.includes(properties.status);
}

export interface NoViolationStanding {
  /** Village or township id. */
  id: string;
  violationCount: number;
  settledCount: number;
  /** Violations still to dispose (the distance to qualifying). */
  remainingCount: number;
  /** Their ellipsoidal footprint area, m². */
  remainingAreaSquareMeters: number;
  qualified: boolean;
}

type ViolationLike = { properties: Pick<ViolationProperties, 'status' | 'disposalClass' | 'villageId' | 'townshipId' | 'areaSquareMeters'> };

function standings(ids: readonly string[], violations: readonly ViolationLike[], keyOf: (violation: ViolationLike) => string): NoViolationStanding[] {
  const byId = new Map<string, NoViolationStanding>(ids.map((id) => [id, { id, violationCount: 0, settledCount: 0, remainingCount: 0, remainingAreaSquareMeters: 0, qualified: true }]));
  for (const violation of violations) {
    const standing = byId.get(keyOf(violation));
    if (!standing) continue;
    standing.violationCount++;
    if (isSettledForNoViolation(violation.properties)) standing.settledCount++;
    else {
      standing.remainingCount++;
      standing.remainingAreaSquareMeters += violation.properties.areaSquareMeters;
      standing.qualified = false;
    }
  }
  return ids.map((id) => byId.get(id) as NoViolationStanding);
}

/** 无违建 standing of each village (in the order of `villageIds`); violations elsewhere are ignored. */
export function villageNoViolationStandings(villageIds: readonly string[], violations: readonly ViolationLike[]): NoViolationStanding[] {
  return standings(villageIds, violations, (violation) => violation.properties.villageId);
}

/** 无违建 standing of each township. */
export function townshipNoViolationStandings(townshipIds: readonly string[], violations: readonly ViolationLike[]): NoViolationStanding[] {
  return standings(townshipIds, violations, (violation) => violation.properties.townshipId);
}
