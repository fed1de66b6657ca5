/**
 * 网格化巡查: the county is divided into grid cells, each with a responsible person (网格员) who
 * patrols it and reports what was found; a report may create violation records (新增). A cell
 * counts as patrolled this week when it has a report dated in the current Monday–Sunday week.
 */
import type { Polygon } from 'geojson';
import { isInWeek, isoWeekOf } from './iso-week';
import type { SpatialRecord } from './records';

export interface GridCellProperties {
  /** 网格编号. */
  code: string;
  townshipId: string;
  /** 网格员 (the responsible person). */
  responsiblePerson: string;
  responsiblePhone: string;
}
export type GridCell = SpatialRecord<Polygon, GridCellProperties>;

export interface PatrolReport {
  id: string;
  cellId: string;
  patroller: string;
  /** When the patrol took place: ISO date-time (YYYY-MM-DDTHH:mm) in local time. */
  at: string;
  findings: string;
  /** A small photo as a data URL (image/jpeg or image/png), or null. */
  photo: string | null;
  /** Violations recorded for what was found (origin 新增). */
  createdViolationIds: string[];
}

export interface CellPatrolStatus {
  patrolledThisWeek: boolean;
  /** Date of the latest report on or before today, or null. */
  lastPatrolOn: string | null;
  reportsThisWeek: number;
}

/**
 * Patrol status of every cell for the week of `today` (reports dated after `today` are ignored).
 * Cells without reports are absent from the reports' side but present in the result.
 */
export function cellPatrolStatuses(cells: readonly { id: string }[], reports: readonly PatrolReport[], today: string): Map<string, CellPatrolStatus> {
  const week = isoWeekOf(today);
  const statuses = new Map<string, CellPatrolStatus>(cells.map((cell) => [cell.id, { patrolledThisWeek: false, lastPatrolOn: null, reportsThisWeek: 0 }]));
  for (const report of reports) {
    const status = statuses.get(report.cellId);
    const date = report.at.slice(0, 10);
    if (!status || date > today) continue;
    if (status.lastPatrolOn === null || date > status.lastPatrolOn) status.lastPatrolOn = date;
    if (isInWeek(date, week)) {
      status.patrolledThisWeek = true;
      status.reportsThisWeek++;
    }
  }
  return statuses;
}

/** Ids of the cells with no report in the week of `today`. */
export function cellsNotPatrolledThisWeek(cells: readonly { id: string }[], reports: readonly PatrolReport[], today: string): string[] {
  const statuses = cellPatrolStatuses(cells, reports, today);
  return cells.filter((cell) => !statuses.get(cell.id)?.patrolledThisWeek).map((cell) => cell.id);
}
