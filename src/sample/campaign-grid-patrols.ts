/**
 * Sample 网格: square cells over the county clipped to the townships, each with a 网格员, and
 * patrol reports over the last weeks up to the "as of" date: most cells are patrolled every week,
 * some missed this week; reports on the day a 新增 violation was found in a cell list it.
 */
import { booleanPointInPolygon, featureCollection, intersect, polygon as turfPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { GridCell, PatrolReport } from '../domain/grid-patrols';
import { addDays, weeksEndingWith } from '../domain/iso-week';
import type { Township, Violation } from '../domain/records';
import { areaBoundingBox, pointInArea, type Boundaries, type LocalArea } from './boundaries';
import { AS_OF } from './calendar';
import { round7, toLonLat, type Point2 } from './local-frame';
import { personName, TOWNSHIP_SEEDS } from './names';
import type { Random } from './random';

const MINIMUM_PIECE_SHARE = 0.05;

function squareRing(x: number, y: number, size: number): Position[] {
  const corners: Point2[] = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]];
  return corners.map(toLonLat);
}

function roundedPolygon(coordinates: Position[][]): Polygon {
  return { type: 'Polygon', coordinates: coordinates.map((ring) => ring.map(([lon, lat]) => [round7(lon as number), round7(lat as number)])) };
}

function planarArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let index = 0; index + 1 < ring.length; index++) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[index + 1] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum / 2);
}

/** Whether the square lies wholly inside the area: its corners inside, no vertex of the area inside it. */
function wholly(area: LocalArea, x: number, y: number, size: number): boolean {
  const corners: Point2[] = [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];
  if (!corners.every((corner) => pointInArea(corner, area))) return false;
  return !area.some((rings) => rings.some((ring) => ring.some(([px, py]) => px >= x && px <= x + size && py >= y && py <= y + size)));
}

function clippedParts(square: Feature<Polygon>, township: Township): Position[][][] {
  const clipped = intersect(featureCollection([square, township as Feature<Polygon | MultiPolygon>]));
  if (!clipped) return [];
  return clipped.geometry.type === 'Polygon' ? [clipped.geometry.coordinates] : clipped.geometry.coordinates;
}

/** Cells of `cellSizeMeters` over the county, each piece of a cell inside one township becoming a cell. */
export function createGridCells(random: Random, boundaries: Boundaries, cellSizeMeters: number): GridCell[] {
  const box = areaBoundingBox([[boundaries.outline]]);
  const cells: GridCell[] = [];
  boundaries.townships.forEach((township, townshipIndex) => {
    const [minX, minY, maxX, maxY] = areaBoundingBox(township.area);
    let number = 0;
    for (let y = box[1] + Math.floor((minY - box[1]) / cellSizeMeters) * cellSizeMeters; y < maxY; y += cellSizeMeters) {
      for (let x = box[0] + Math.floor((minX - box[0]) / cellSizeMeters) * cellSizeMeters; x < maxX; x += cellSizeMeters) {
        const square = turfPolygon([squareRing(x, y, cellSizeMeters)]);
        const parts = wholly(township.area, x, y, cellSizeMeters) ? [square.geometry.coordinates] : clippedParts(square, township.record);
        if (parts.length === 0) continue;
        const full = planarArea(square.geometry.coordinates[0] as Position[]);
        const largest = parts.reduce((best, part) => (planarArea(part[0] as Position[]) > planarArea(best[0] as Position[]) ? part : best));
        if (planarArea(largest[0] as Position[]) < MINIMUM_PIECE_SHARE * full) continue;
        number++;
        const short = TOWNSHIP_SEEDS[townshipIndex]?.short ?? '';
        cells.push({
          type: 'Feature',
          id: `cell-${township.record.id.slice(-2)}-${String(number).padStart(3, '0')}`,
          geometry: roundedPolygon(largest),
          properties: {
            code: `${short}网格${String(number).padStart(3, '0')}`,
            townshipId: township.record.id,
            responsiblePerson: personName(random),
            responsiblePhone: `1${random.pick(['35', '38', '58', '87'])}${String(random.integer(0, 99_999_999)).padStart(8, '0')}`,
          },
        });
      }
    }
  });
  return cells;
}

function timeOfDay(random: Random): string {
  return `${String(random.integer(8, 17)).padStart(2, '0')}:${String(random.integer(0, 5) * 10).padStart(2, '0')}`;
}

const NOTHING_FOUND = ['未发现新增违建', '巡查无异常', '未发现新增违建，已宣传无违建创建政策', '未发现违建，督促已拆点位清运'];

/** Reports of the last `weekCount` weeks up to AS_OF, plus one per day a 新增 violation was found in a cell. */
export function createPatrolReports(random: Random, cells: readonly GridCell[], violations: readonly Violation[], weekCount: number): PatrolReport[] {
  const weeks = weeksEndingWith(AS_OF, weekCount);
  const first = weeks[0]?.monday ?? AS_OF;
  const found = new Map<string, Violation[]>();
  for (const violation of violations) {
    const day = violation.properties.statusDates['发现'];
    if (violation.properties.origin !== '新增' || day === undefined || day < first || day > AS_OF) continue;
    const point = violation.geometry.type === 'Polygon' ? violation.geometry.coordinates[0]?.[0] : violation.geometry.coordinates[0]?.[0]?.[0];
    const cell = point && cells.find((candidate) => booleanPointInPolygon(point, candidate));
    if (!cell) continue;
    const key = `${cell.id} ${day}`;
    const list = found.get(key);
    if (list) list.push(violation);
    else found.set(key, [violation]);
  }
  const reports: PatrolReport[] = [];
  const add = (cell: GridCell, date: string, findings: string, createdViolationIds: string[]) =>
    reports.push({ id: `pr-${String(reports.length + 1).padStart(5, '0')}`, cellId: cell.id, patroller: cell.properties.responsiblePerson, at: `${date}T${timeOfDay(random)}`, findings, photo: null, createdViolationIds });
  weeks.forEach((week, weekIndex) => {
    const current = weekIndex === weeks.length - 1;
    const lastDay = current ? AS_OF : week.sunday;
    const span = Math.round((Date.parse(lastDay) - Date.parse(week.monday)) / 86_400_000);
    for (const cell of cells) {
      if (!random.chance(current ? 0.72 : 0.9)) continue;
      const date = addDays(week.monday, random.integer(0, span));
      if (!found.has(`${cell.id} ${date}`)) add(cell, date, random.pick(NOTHING_FOUND), []);
    }
  });
  for (const [key, list] of [...found.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const [cellId, date] = key.split(' ') as [string, string];
    const cell = cells.find((candidate) => candidate.id === cellId) as GridCell;
    add(cell, date, `发现新增违建 ${list.length} 处：${list.map((violation) => `${violation.properties.buildingType}（${violation.properties.ownerName}）`).join('、')}，已上报并责令停工`, list.map((violation) => violation.id));
  }
  return reports.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
}
