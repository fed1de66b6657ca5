/**
 * 危旧房 (dangerous old housing): buildings graded A–D by a safety appraisal. D级 must be vacated
 * at once (五个一律); the county counts how many C/D buildings have been rectified against the
 * annual target share (e.g. 65 % 城镇危旧房治理整改).
 */
import type { Point } from 'geojson';
import type { SpatialRecord } from './records';

export const DANGER_GRADES = ['A', 'B', 'C', 'D'] as const;
export type DangerGrade = (typeof DANGER_GRADES)[number];

export interface DangerousBuildingProperties {
  address: string;
  townshipId: string;
  villageId: string;
  /** Safety appraisal grade: A safe … D dangerous as a whole. */
  grade: DangerGrade;
  /** Date of the appraisal (鉴定日期), ISO. */
  inspectedOn: string;
  households: number;
  /** Whether every household has moved out. */
  vacated: boolean;
  /** Date the rectification (加固、拆除重建 …) was completed, or null. */
  rectifiedOn: string | null;
}
export type DangerousBuilding = SpatialRecord<Point, DangerousBuildingProperties>;

/** The annual target share of C/D buildings to rectify (县住建局: 年内完成城镇危旧房治理整改65%). */
export const DEFAULT_RECTIFICATION_TARGET_SHARE = 0.65;

/** 五个一律 alarm: a D级 building that people still live in. */
export function isDangerAlarm(properties: Pick<DangerousBuildingProperties, 'grade' | 'vacated'>): boolean {
  return properties.grade === 'D' && !properties.vacated;
}

/** Whether a building needs rectification at all: grades C and D do, A and B don't. */
export function needsRectification(grade: DangerGrade): boolean {
  return grade === 'C' || grade === 'D';
}

export interface RectificationProgress {
  /** C/D buildings (the denominator). */
  dueCount: number;
  /** Of those, rectified (rectifiedOn set, on or before `isoDate`). */
  rectifiedCount: number;
  /** rectified / due, 0–1; 0 when nothing is due. */
  share: number;
  targetShare: number;
  /** C/D buildings still to rectify to reach the target (0 once reached). */
  shortfall: number;
  /** D级 buildings not yet vacated. */
  alarmCount: number;
}

/** Rectification of C/D 危旧房 against the target share, as of `isoDate`. */
export function rectificationProgress(buildings: readonly { properties: DangerousBuildingProperties }[], isoDate: string, targetShare = DEFAULT_RECTIFICATION_TARGET_SHARE): RectificationProgress {
  let dueCount = 0;
  let rectifiedCount = 0;
  let alarmCount = 0;
  for (const { properties } of buildings) {
    if (isDangerAlarm(properties)) alarmCount++;
    if (!needsRectification(properties.grade)) continue;
    dueCount++;
    if (properties.rectifiedOn !== null && properties.rectifiedOn <= isoDate) rectifiedCount++;
  }
  const share = dueCount === 0 ? 0 : rectifiedCount / dueCount;
  return { dueCount, rectifiedCount, share, targetShare, shortfall: Math.max(0, Math.ceil(targetShare * dueCount - 1e-9) - rectifiedCount), alarmCount };
}
