/**
 * 巡查上报: a patrol report on a grid cell, and a 新增 violation record for each building found,
 * saved together as one edit (one IndexedDB transaction): either the report and its violations are
 * stored, or none of them.
 */
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import type { GridCell, PatrolReport } from '../domain/grid-patrols';
import { BUILDING_TYPES, type BuildingType, type Violation } from '../domain/records';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import type { ProjectService } from './project-service';
import type { ProjectRecords } from './project-state';
import { isoDateOf } from './violation-commands';

/** Largest photo kept in a report (bytes of the data URL). */
export const MAX_PHOTO_BYTES = 400_000;
const MIN_FOUND_AREA_SQUARE_METERS = 5;
const MAX_FOUND_AREA_SQUARE_METERS = 5000;

export interface FoundBuilding {
  longitude: number;
  latitude: number;
  /** Estimated footprint, m²; the record gets a square of this size centred on the point. */
  areaSquareMeters: number;
  buildingType: BuildingType;
  ownerName: string;
}

export interface PatrolReportInput {
  cellId: string;
  patroller: string;
  /** Local date-time YYYY-MM-DDTHH:mm. */
  at: string;
  findings: string;
  photo: string | null;
  found: readonly FoundBuilding[];
}

export type PatrolResult = { ok: true; value: { report: PatrolReport; violations: Violation[] } } | { ok: false; error: string };

const round7 = (value: number) => Math.round(value * 1e7) / 1e7;

/** A counter-clockwise square of `areaSquareMeters` centred on the point (local tangent plane). */
export function squareFootprint(longitude: number, latitude: number, areaSquareMeters: number): Polygon {
  const half = Math.sqrt(areaSquareMeters) / 2;
  const metersPerDegreeLatitude = 110_574;
  const metersPerDegreeLongitude = 111_320 * Math.cos((latitude * Math.PI) / 180);
  const dx = half / metersPerDegreeLongitude;
  const dy = half / metersPerDegreeLatitude;
  const ring: Position[] = [[longitude - dx, latitude - dy], [longitude + dx, latitude - dy], [longitude + dx, latitude + dy], [longitude - dx, latitude + dy]].map(([x, y]) => [round7(x as number), round7(y as number)]);
  return { type: 'Polygon', coordinates: [[...ring, ring[0] as Position]] };
}

function foundProblem(found: FoundBuilding, cell: GridCell, index: number): string | null {
  const label = `发现的第 ${index + 1} 处违建`;
  if (!Number.isFinite(found.longitude) || !Number.isFinite(found.latitude)) return `${label}：位置（经纬度）不是数字`;
  if (!booleanPointInPolygon([found.longitude, found.latitude], cell)) return `${label}：位置不在网格「${cell.properties.code}」内`;
  if (!(found.areaSquareMeters >= MIN_FOUND_AREA_SQUARE_METERS && found.areaSquareMeters <= MAX_FOUND_AREA_SQUARE_METERS)) {
    return `${label}：面积应在 ${MIN_FOUND_AREA_SQUARE_METERS}–${MAX_FOUND_AREA_SQUARE_METERS} m² 之间`;
  }
  if (!BUILDING_TYPES.includes(found.buildingType)) return `${label}：未知的建筑类型「${found.buildingType}」`;
  return null;
}

function inputProblem(input: PatrolReportInput, cell: GridCell | undefined, today: string): string | null {
  if (!cell) return `找不到网格 ${input.cellId}`;
  const label = `网格「${cell.properties.code}」巡查报告`;
  if (input.patroller.trim() === '') return `${label}：请填写巡查人`;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.at)) return `${label}：巡查时间格式应为 YYYY-MM-DD HH:mm`;
  if (input.at.slice(0, 10) > today) return `${label}：巡查时间晚于今天`;
  if (input.findings.trim() === '') return `${label}：请填写巡查情况`;
  if (input.photo !== null) {
    if (!/^data:image\/(jpeg|png|webp);base64,/.test(input.photo)) return `${label}：照片须为 JPEG / PNG / WebP 图片`;
    if (input.photo.length > MAX_PHOTO_BYTES) return `${label}：照片过大（${Math.round(input.photo.length / 1000)} KB），上限 ${MAX_PHOTO_BYTES / 1000} KB，请压缩后再上传`;
  }
  return null;
}

/**
 * The report and the 新增 violations it creates (status 发现 on the patrol date, in the cell's
 * township and the village containing the point). Pure; `stamp` makes ids unique.
 */
export function buildPatrolReport(input: PatrolReportInput, records: Pick<ProjectRecords, 'gridCells' | 'villages'>, today: string, stamp: string): PatrolResult {
  const cell = records.gridCells.find((candidate) => candidate.id === input.cellId);
  const problem = inputProblem(input, cell, today);
  if (problem !== null || !cell) return { ok: false, error: problem ?? '' };
  for (const [index, found] of input.found.entries()) {
    const foundError = foundProblem(found, cell, index);
    if (foundError !== null) return { ok: false, error: `网格「${cell.properties.code}」巡查报告，${foundError}` };
  }
  const date = input.at.slice(0, 10);
  const violations = input.found.map((found, index): Violation => {
    const geometry = squareFootprint(found.longitude, found.latitude, found.areaSquareMeters);
    const village = records.villages.find((candidate) => booleanPointInPolygon([found.longitude, found.latitude], candidate));
    const number = `${stamp}-${index + 1}`;
    return {
      type: 'Feature',
      id: `v-patrol-${number}`,
      geometry,
      properties: {
        code: `XC-${date.replaceAll('-', '')}-${number}`,
        buildingType: found.buildingType,
        townshipId: cell.properties.townshipId,
        villageId: village?.id ?? '',
        yearBuilt: Number(date.slice(0, 4)),
        ownerType: '个人',
        ownerName: found.ownerName.trim() === '' ? '待查' : found.ownerName.trim(),
        areaSquareMeters: ellipsoidalAreaSquareMeters(geometry),
        status: '发现',
        statusDates: { 发现: date },
        origin: '新增',
        disposalClass: null,
      },
    };
  });
  const report: PatrolReport = {
    id: `pr-${stamp}`, cellId: cell.id, patroller: input.patroller.trim(), at: input.at, findings: input.findings.trim(),
    photo: input.photo, createdViolationIds: violations.map((violation) => violation.id),
  };
  return { ok: true, value: { report, violations } };
}

/** Files the report: one saved edit with the report and its violations. Resolves with an error message or null. */
export async function filePatrolReport(service: ProjectService, input: PatrolReportInput): Promise<string | null> {
  const now = service.now();
  const result = buildPatrolReport(input, service.store.getState().records, isoDateOf(now), now.getTime().toString(36));
  if (!result.ok) return result.error;
  const { report, violations } = result.value;
  const changes = [{ kind: 'patrolReports' as const, put: [report] }];
  await service.saveChanges(violations.length > 0 ? [{ kind: 'violations' as const, put: violations }, ...changes] : changes, '巡查上报').catch(() => undefined);
  return null;
}

/** A point inside the cell (where a found building is placed until the patroller moves it), rounded to 7 decimals. */
export function cellInteriorPoint(cell: GridCell): { longitude: number; latitude: number } {
  const [longitude, latitude] = pointOnFeature(cell).geometry.coordinates as [number, number];
  return { longitude: round7(longitude), latitude: round7(latitude) };
}

/** The local date-time YYYY-MM-DDTHH:mm of `date` (the patrol form's default time). */
export function localDateTimeOf(date: Date): string {
  return `${isoDateOf(date)}T${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
