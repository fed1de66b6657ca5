/**
 * The checks shown on a land-use plan: parcels inside the zone, no overlaps, the freed land fully
 * assigned (no gap), 耕 parcels not thinner than a usable strip, parcels off the 规划控制线 that
 * forbid their class (建 on 生态保护红线 / 永久基本农田 …; only where a control layer exists, else
 * 'skipped'). Areas are ellipsoidal m²; differences under the noise of polygon clipping are ignored.
 */
import { featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { LandUseClass } from '../domain/land-use';
import { redLineForbids, type RedLineType } from '../domain/red-lines';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { geodesicPerimeterMeters } from './geodesic-perimeter';
import { boundingBoxesIntersect, geometryBoundingBox } from './spatial-index';

/** Narrowest usable 耕地 strip (machine working width plus headland), m. */
export const MINIMUM_FARMLAND_WIDTH_METERS = 10;

export type LandUseCheckId = 'inside' | 'overlaps' | 'gaps' | 'farmlandWidth' | 'redLines';
export type LandUseCheckStatus = 'passed' | 'failed' | 'skipped';

export interface LandUseCheck {
  id: LandUseCheckId;
  label: string;
  status: LandUseCheckStatus;
  /** What was found, in the planners' words. */
  detail: string;
  /** The area at fault (outside, overlapping, unassigned, too thin, on a control line), m²; 0 when passed. */
  areaSquareMeters: number;
  /** For the control-line check: each parcel on a line that forbids its class. */
  offences?: RedLineOffence[];
}

/** A parcel on a control line that forbids its class, and the area on the line (m², ellipsoidal). */
export interface RedLineOffence {
  parcelId: string;
  landUseClass: LandUseClass;
  lineName: string;
  lineType: RedLineType;
  areaSquareMeters: number;
}

/** A planning control line as the checks read it. */
export interface CheckedRedLine {
  name: string;
  lineType: RedLineType;
  geometry: Polygon | MultiPolygon;
}

export interface PlanParcel {
  id: string;
  landUseClass: LandUseClass;
  geometry: Polygon | MultiPolygon;
}

export interface LandUseCheckInput {
  zone: Polygon;
  /** The land the plan must cover; null checks nothing for gaps. */
  freedLand: Polygon | MultiPolygon | null;
  parcels: readonly PlanParcel[];
  /** Planning control lines (规划控制线); undefined or empty when no control layer exists. */
  redLines?: readonly CheckedRedLine[];
}

function asFeature(geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry };
}

function intersectionArea(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): number {
  if (!boundingBoxesIntersect(geometryBoundingBox(a), geometryBoundingBox(b))) return 0;
  const overlap = intersect(featureCollection([asFeature(a), asFeature(b)]));
  return overlap ? ellipsoidalAreaSquareMeters(overlap.geometry) : 0;
}

/** Area below which a difference is clipping noise: 0.5 m² or 10 ppm of the reference. */
function noise(referenceSquareMeters: number): number {
  return Math.max(0.5, referenceSquareMeters * 1e-5);
}

const areaText = (squareMeters: number) => `${squareMeters.toFixed(1)} m²`;

function checkInside(input: LandUseCheckInput): LandUseCheck {
  let outside = 0;
  for (const parcel of input.parcels) outside += Math.max(0, ellipsoidalAreaSquareMeters(parcel.geometry) - intersectionArea(parcel.geometry, input.zone));
  const failed = outside > noise(ellipsoidalAreaSquareMeters(input.zone));
  return { id: 'inside', label: '地块在区块范围内', status: failed ? 'failed' : 'passed', detail: failed ? `超出区块 ${areaText(outside)}` : '全部在区块内', areaSquareMeters: failed ? outside : 0 };
}

function checkOverlaps(input: LandUseCheckInput): LandUseCheck {
  let overlap = 0;
  const pairs: string[] = [];
  input.parcels.forEach((parcel, index) => {
    for (const other of input.parcels.slice(index + 1)) {
      const area = intersectionArea(parcel.geometry, other.geometry);
      if (area > noise(0)) {
        overlap += area;
        pairs.push(`${parcel.landUseClass}/${other.landUseClass}`);
      }
    }
  });
  const failed = overlap > noise(ellipsoidalAreaSquareMeters(input.zone));
  return { id: 'overlaps', label: '地块互不重叠', status: failed ? 'failed' : 'passed', detail: failed ? `重叠 ${areaText(overlap)}（${pairs.join('、')}）` : '无重叠', areaSquareMeters: failed ? overlap : 0 };
}

function checkGaps(input: LandUseCheckInput): LandUseCheck {
  const label = '腾退土地全部落地';
  if (!input.freedLand) return { id: 'gaps', label, status: 'skipped', detail: '无腾退土地', areaSquareMeters: 0 };
  const freedArea = ellipsoidalAreaSquareMeters(input.freedLand);
  let assigned = 0;
  if (input.parcels.length > 0) {
    const merged = input.parcels.length === 1 ? asFeature((input.parcels[0] as PlanParcel).geometry) : union(featureCollection(input.parcels.map((parcel) => asFeature(parcel.geometry))));
    if (merged) assigned = intersectionArea(input.freedLand, merged.geometry);
  }
  const gap = Math.max(0, freedArea - assigned);
  const failed = gap > noise(freedArea);
  return { id: 'gaps', label, status: failed ? 'failed' : 'passed', detail: failed ? `未落地 ${areaText(gap)}（占 ${((gap / freedArea) * 100).toFixed(2)}%）` : '全部落地', areaSquareMeters: failed ? gap : 0 };
}

/**
 * Width of the rectangle with the same area and perimeter (exact for rectangles, a fair measure
 * of "how thin" for strips); a shape too round for such a rectangle gets √area.
 */
export function equivalentWidthMeters(polygon: Polygon): number {
  const area = ellipsoidalAreaSquareMeters(polygon);
  const halfPerimeter = geodesicPerimeterMeters(polygon) / 2;
  const discriminant = halfPerimeter * halfPerimeter - 4 * area;
  return discriminant <= 0 ? Math.sqrt(area) : (halfPerimeter - Math.sqrt(discriminant)) / 2;
}

function checkFarmlandWidth(input: LandUseCheckInput): LandUseCheck {
  const label = `耕地宽度不小于 ${MINIMUM_FARMLAND_WIDTH_METERS} m`;
  const farmland = input.parcels.filter((parcel) => parcel.landUseClass === '耕');
  if (farmland.length === 0) return { id: 'farmlandWidth', label, status: 'skipped', detail: '无耕地地块', areaSquareMeters: 0 };
  let thinArea = 0;
  let thinParts = 0;
  for (const parcel of farmland) {
    const parts: Polygon[] = parcel.geometry.type === 'Polygon' ? [parcel.geometry] : parcel.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    for (const part of parts) {
      if (equivalentWidthMeters(part) >= MINIMUM_FARMLAND_WIDTH_METERS) continue;
      thinParts += 1;
      thinArea += ellipsoidalAreaSquareMeters(part);
    }
  }
  const failed = thinParts > 0;
  return { id: 'farmlandWidth', label, status: failed ? 'failed' : 'passed', detail: failed ? `${thinParts} 块过窄，共 ${areaText(thinArea)}` : '宽度满足耕作要求', areaSquareMeters: failed ? thinArea : 0 };
}

function intersection(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  if (!boundingBoxesIntersect(geometryBoundingBox(a), geometryBoundingBox(b))) return null;
  return intersect(featureCollection([asFeature(a), asFeature(b)]))?.geometry ?? null;
}

/** Mean width (2·area / perimeter) below which an overlap is coordinate noise along a shared boundary, m. */
export const SLIVER_WIDTH_METERS = 0.1;

function isSliver(piece: Polygon | MultiPolygon, areaSquareMeters: number): boolean {
  return (2 * areaSquareMeters) / geodesicPerimeterMeters(piece) < SLIVER_WIDTH_METERS;
}

/**
 * Each parcel on a control line that forbids its class, with the area on that line; the total is
 * the area of the parcels on any forbidding line (where lines overlap each other it counts once).
 */
function checkRedLines(input: LandUseCheckInput): LandUseCheck {
  const label = '地块不压规划控制线（生态保护红线、永久基本农田等）';
  if (!input.redLines || input.redLines.length === 0) return { id: 'redLines', label, status: 'skipped', detail: '无规划控制线图层，未检查', areaSquareMeters: 0 };
  const offences: RedLineOffence[] = [];
  let total = 0;
  for (const parcel of input.parcels) {
    const pieces: Feature<Polygon | MultiPolygon>[] = [];
    for (const line of input.redLines) {
      if (!redLineForbids(line.lineType, parcel.landUseClass)) continue;
      const piece = intersection(parcel.geometry, line.geometry);
      const area = piece ? ellipsoidalAreaSquareMeters(piece) : 0;
      if (!piece || area <= noise(0) || isSliver(piece, area)) continue;
      pieces.push(asFeature(piece));
      offences.push({ parcelId: parcel.id, landUseClass: parcel.landUseClass, lineName: line.name, lineType: line.lineType, areaSquareMeters: area });
    }
    if (pieces.length === 1) total += ellipsoidalAreaSquareMeters((pieces[0] as Feature<Polygon | MultiPolygon>).geometry);
    else if (pieces.length > 1) {
      const merged = union(featureCollection(pieces));
      total += merged ? ellipsoidalAreaSquareMeters(merged.geometry) : 0;
    }
  }
  if (offences.length === 0) return { id: 'redLines', label, status: 'passed', detail: '未压规划控制线', areaSquareMeters: 0, offences };
  const detail = offences.map((offence) => `${offence.landUseClass}地块压${offence.lineType}「${offence.lineName}」${areaText(offence.areaSquareMeters)}`).join('；');
  return { id: 'redLines', label, status: 'failed', detail: `${detail}（合计 ${areaText(total)}）`, areaSquareMeters: total, offences };
}

/** All checks of a plan, in the order the panel lists them. */
export function checkLandUsePlan(input: LandUseCheckInput): LandUseCheck[] {
  return [checkInside(input), checkOverlaps(input), checkGaps(input), checkFarmlandWidth(input), checkRedLines(input)];
}
