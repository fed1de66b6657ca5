/**
 * The campaign's derived tables for the ledger, wall and patrol views: 无违建 standing of every
 * village and township, the blacklist with its violations, weekly 新增 counts, grid patrol status
 * and 危旧房 rectification. Pure selectors over the records.
 */
import { rectificationProgress, type RectificationProgress } from '../domain/dangerous-buildings';
import { cellPatrolStatuses, type CellPatrolStatus } from '../domain/grid-patrols';
import { newViolationTrend, weeklyNewViolationCounts, type NewViolationTrend, type WeeklyNewCount } from '../domain/new-violation-weeks';
import { isSettledForNoViolation, townshipNoViolationStandings, villageNoViolationStandings, type NoViolationStanding } from '../domain/no-violation';
import type { Violation } from '../domain/records';
import type { ProjectRecords } from './project-state';

export interface NoViolationRow extends NoViolationStanding {
  name: string;
  townshipName: string;
  level: 'village' | 'township';
}

function names(records: Pick<ProjectRecords, 'townships'>): Map<string, string> {
  return new Map(records.townships.map((township) => [township.id, township.properties.name]));
}

/** 无违建 standing of every village, fewest remaining first (qualified ones on top), then by name. */
export function villageNoViolationRows(records: Pick<ProjectRecords, 'townships' | 'villages' | 'violations'>): NoViolationRow[] {
  const townshipNames = names(records);
  const standings = villageNoViolationStandings(records.villages.map((village) => village.id), records.violations);
  return records.villages
    .map((village, index) => ({ ...(standings[index] as NoViolationStanding), name: village.properties.name, townshipName: townshipNames.get(village.properties.townshipId) ?? '', level: 'village' as const }))
    .sort((a, b) => a.remainingCount - b.remainingCount || a.remainingAreaSquareMeters - b.remainingAreaSquareMeters || a.name.localeCompare(b.name, 'zh'));
}

/** 无违建 standing of every township, in the records' order. */
export function townshipNoViolationRows(records: Pick<ProjectRecords, 'townships' | 'violations'>): NoViolationRow[] {
  const standings = townshipNoViolationStandings(records.townships.map((township) => township.id), records.violations);
  return records.townships.map((township, index) => ({ ...(standings[index] as NoViolationStanding), name: township.properties.name, townshipName: township.properties.name, level: 'township' as const }));
}

/** The violations of a village that still keep it from 无违建, largest first. */
export function remainingViolationsOf(records: Pick<ProjectRecords, 'violations'>, villageId: string): Violation[] {
  return records.violations
    .filter((violation) => violation.properties.villageId === villageId && !isSettledForNoViolation(violation.properties))
    .sort((a, b) => b.properties.areaSquareMeters - a.properties.areaSquareMeters);
}

export interface BlacklistRow {
  id: string;
  ownerName: string;
  idNumberMasked: string;
  reason: string;
  listedOn: string;
  /** The linked violations that exist (missing ids are dropped). */
  violations: Violation[];
  totalAreaSquareMeters: number;
}

export function blacklistRows(records: Pick<ProjectRecords, 'blacklist' | 'violations'>): BlacklistRow[] {
  const byId = new Map(records.violations.map((violation) => [violation.id, violation]));
  return records.blacklist.map((entry) => {
    const violations = entry.violationIds.flatMap((id) => byId.get(id) ?? []);
    return {
      id: entry.id, ownerName: entry.ownerName, idNumberMasked: entry.idNumberMasked, reason: entry.reason, listedOn: entry.listedOn, violations,
      totalAreaSquareMeters: violations.reduce((sum, violation) => sum + violation.properties.areaSquareMeters, 0),
    };
  });
}

/** Weeks shown by the 新增零增长 KPI. */
export const NEW_VIOLATION_WEEKS = 8;

export interface NewViolationKpi {
  weeks: WeeklyNewCount[];
  trend: NewViolationTrend;
}

export function newViolationKpi(records: Pick<ProjectRecords, 'violations'>, today: string): NewViolationKpi {
  const weeks = weeklyNewViolationCounts(records.violations, today, NEW_VIOLATION_WEEKS);
  return { weeks, trend: newViolationTrend(weeks) };
}

export interface PatrolCellRow extends CellPatrolStatus {
  id: string;
  code: string;
  townshipName: string;
  responsiblePerson: string;
  responsiblePhone: string;
}

/** Every grid cell with its patrol status this week: unpatrolled first, then by code. */
export function patrolCellRows(records: Pick<ProjectRecords, 'gridCells' | 'patrolReports' | 'townships'>, today: string): PatrolCellRow[] {
  const townshipNames = names(records);
  const statuses = cellPatrolStatuses(records.gridCells, records.patrolReports, today);
  return records.gridCells
    .map((cell) => ({
      ...(statuses.get(cell.id) as CellPatrolStatus), id: cell.id, code: cell.properties.code, townshipName: townshipNames.get(cell.properties.townshipId) ?? '',
      responsiblePerson: cell.properties.responsiblePerson, responsiblePhone: cell.properties.responsiblePhone,
    }))
    .sort((a, b) => Number(a.patrolledThisWeek) - Number(b.patrolledThisWeek) || a.code.localeCompare(b.code, 'zh'));
}


export interface DangerousBuildingTownshipRow extends RectificationProgress {
  id: string;
  name: string;
}

/** 危旧房 rectification and alarms per township, then the county (id `total`). */
export function dangerousBuildingRows(records: Pick<ProjectRecords, 'dangerousBuildings' | 'townships'>, today: string): DangerousBuildingTownshipRow[] {
  const rows = records.townships.map((township) => ({
    id: township.id, name: township.properties.name,
    ...rectificationProgress(records.dangerousBuildings.filter((building) => building.properties.townshipId === township.id), today),
  }));
  return [...rows, { id: 'total', name: '全县', ...rectificationProgress(records.dangerousBuildings, today) }];
}
