/**
 * Validates and safely repairs one imported feature. geojson-validation checks the structure (it
 * follows the 2008 spec and misses much), so semantic and topological checks run first: finite
 * numbers, plausible lon/lat for China, ring length and closure, duplicate vertices, self-
 * intersection (turf.kinks) and holes outside their shell. Safe repairs — closing a ring, removing
 * repeated vertices, rounding to 7 decimals, fixing ring orientation — are applied and reported.
 * Splitting a bow-tie (a self-intersecting ring without holes) into valid polygons is offered: the
 * rejection says the repair exists and `splitBowTies` applies it (cleanCoords, then
 * turf.unkinkPolygon — never buffer(0), which drops half of a bow-tie), reporting the area before
 * (the signed area of the crossing ring, where the lobes cancel) and after.
 */
import * as turf from '@turf/turf';
import geojsonValidation from 'geojson-validation';
import type { Feature, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { ellipsoidalAreaSquareMeters, polygonAreaSquareMeters, ringSignedAreaSquareMeters } from './ellipsoidal-area';
import { VALIDATION_RULES, type ValidationFinding, type ValidationRule } from './validation-rules';

export type GeometryExpectation = 'area' | 'point';

export type ValidationResult =
  | { ok: true; feature: Feature<Polygon | MultiPolygon | Point>; findings: ValidationFinding[]; areaBeforeSquareMeters: number | null }
  | { ok: false; findings: ValidationFinding[] };

export interface ValidationOptions {
  /** Split bow-ties (self-intersecting rings of polygons without holes) instead of rejecting them. */
  splitBowTies?: boolean;
}

/** Parts smaller than this (m²) left by splitting at a vertex that merely touches are dropped. */
const SLIVER_SQUARE_METERS = 1e-6;

interface RepairState {
  rules: Set<ValidationRule>;
  options: ValidationOptions;
  /** Area of the geometry before a bow-tie split, when one happened. */
  bowTie: { before: number; after: number; parts: number } | null;
}

const CHINA_EXTENT = { west: 73, east: 136, south: 3, north: 54 } as const;
const PRECISION = 1e7;

class Rejection extends Error {
  constructor(readonly rule: ValidationRule, detail = '', readonly repair?: 'splitBowTie') {
    super(detail ? `${VALIDATION_RULES[rule]}：${detail}` : VALIDATION_RULES[rule]);
  }
}

function checkPosition(position: unknown): Position {
  if (!Array.isArray(position) || position.length < 2) throw new Rejection('structure', '坐标点应为 [经度, 纬度]');
  const [x, y] = position as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) throw new Rejection('nonFinite');
  if (Math.abs(x) > 180 || Math.abs(y) > 90) throw new Rejection('projected', `(${x}, ${y})`);
  if (x < CHINA_EXTENT.west || x > CHINA_EXTENT.east || y < CHINA_EXTENT.south || y > CHINA_EXTENT.north) {
    throw new Rejection('outsideChina', `(${x}, ${y})`);
  }
  return [x, y];
}

/** Checks and repairs one ring; `findings` collects the repairs. Returns a closed ring. */
function repairRing(raw: unknown, findings: Set<ValidationRule>): Position[] {
  if (!Array.isArray(raw)) throw new Rejection('structure', '环应为坐标数组');
  const rounded = raw.map(checkPosition).map(([x, y]) => {
    const roundedX = Math.round((x as number) * PRECISION) / PRECISION;
    const roundedY = Math.round((y as number) * PRECISION) / PRECISION;
    if (roundedX !== x || roundedY !== y) findings.add('precision');
    return [roundedX, roundedY];
  });
  const deduplicated = rounded.filter((position, index) => {
    const previous = rounded[index - 1];
    const repeated = previous !== undefined && previous[0] === position[0] && previous[1] === position[1];
    if (repeated) findings.add('duplicateVertices');
    return !repeated;
  });
  const first = deduplicated[0];
  const last = deduplicated[deduplicated.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
    findings.add('ringNotClosed');
    deduplicated.push([first[0] as number, first[1] as number]);
  }
  if (deduplicated.length < 4) throw new Rejection('ringTooShort');
  return deduplicated;
}

/** RFC 7946: outer rings counter-clockwise, holes clockwise. */
function orient(ring: Position[], outer: boolean): Position[] {
  const counterClockwise = ringSignedAreaSquareMeters(ring) > 0;
  return counterClockwise === outer ? ring : [...ring].reverse();
}

/**
 * Splits a self-intersecting ring (no holes) into simple polygons; null when the pieces are not
 * all valid (then the feature stays rejected).
 */
function splitBowTie(ring: Position[]): Position[][][] | null {
  const cleaned = turf.cleanCoords(turf.polygon([ring]));
  let pieces: Position[][][];
  try {
    pieces = turf.unkinkPolygon(cleaned).features.map((piece) => piece.geometry.coordinates);
  } catch {
    return null;
  }
  const parts: Position[][][] = [];
  for (const piece of pieces) {
    const outer = (piece[0] ?? []).map(([x, y]) => [Math.round((x as number) * PRECISION) / PRECISION, Math.round((y as number) * PRECISION) / PRECISION]);
    const deduplicated = outer.filter((position, index) => index === 0 || position[0] !== outer[index - 1]![0] || position[1] !== outer[index - 1]![1]);
    if (deduplicated.length < 4 || Math.abs(ringSignedAreaSquareMeters(deduplicated)) < SLIVER_SQUARE_METERS) continue;
    const part = [orient(deduplicated, true)];
    if (turf.kinks(turf.polygon(part)).features.length > 0) return null;
    parts.push(part);
  }
  return parts.length > 0 ? parts : null;
}

function repairPolygon(rawRings: unknown, state: RepairState): Position[][][] {
  const findings = state.rules;
  if (!Array.isArray(rawRings) || rawRings.length === 0) throw new Rejection('geometryMissing', '多边形没有环');
  const rings = rawRings.map((ring) => repairRing(ring, findings)).map((ring, index) => orient(ring, index === 0));
  const polygon = turf.polygon(rings);
  const kinks = turf.kinks(polygon);
  const crossing = kinks.features[0]?.geometry.coordinates;
  if (crossing) {
    const where = `交点约在 (${crossing[0]?.toFixed(6)}, ${crossing[1]?.toFixed(6)})`;
    const splittable = rings.length === 1;
    if (!splittable || !state.options.splitBowTies) throw new Rejection('selfIntersection', where, splittable ? 'splitBowTie' : undefined);
    const parts = splitBowTie(rings[0] as Position[]);
    if (!parts) throw new Rejection('selfIntersection', `${where}，无法安全拆分`);
    findings.add('bowTieSplit');
    const before = Math.abs(ringSignedAreaSquareMeters(rings[0] as Position[]));
    const after = parts.reduce((sum, part) => sum + polygonAreaSquareMeters(part), 0);
    state.bowTie = { before: (state.bowTie?.before ?? 0) + before, after: (state.bowTie?.after ?? 0) + after, parts: (state.bowTie?.parts ?? 0) + parts.length };
    return parts;
  }
  const shell = turf.polygon([rings[0] as Position[]]);
  for (const hole of rings.slice(1)) {
    if (!hole.slice(0, -1).every((position) => turf.booleanPointInPolygon(position, shell, { ignoreBoundary: false }))) {
      throw new Rejection('holeOutsideShell');
    }
  }
  return [rings];
}

function repairGeometry(geometry: unknown, expectation: GeometryExpectation, state: RepairState): Polygon | MultiPolygon | Point {
  if (geometry === null || typeof geometry !== 'object') throw new Rejection('geometryMissing');
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (expectation === 'point') {
    if (type !== 'Point') throw new Rejection('geometryType', `需要点（Point），实际为 ${String(type)}`);
    const [x, y] = checkPosition(coordinates);
    return { type: 'Point', coordinates: [Math.round((x as number) * PRECISION) / PRECISION, Math.round((y as number) * PRECISION) / PRECISION] };
  }
  if (type === 'Polygon') {
    const parts = repairPolygon(coordinates, state);
    return parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] as Position[][] } : { type: 'MultiPolygon', coordinates: parts };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) throw new Rejection('geometryMissing', '多部件多边形为空');
    return { type: 'MultiPolygon', coordinates: coordinates.flatMap((polygon) => repairPolygon(polygon, state)) };
  }
  throw new Rejection('geometryType', `需要面（Polygon/MultiPolygon），实际为 ${String(type)}`);
}

function structuralErrors(feature: Feature): string[] {
  try {
    return geojsonValidation.isFeature(feature, true) as string[];
  } catch (error) {
    // geojson-validation throws TypeErrors on some malformed input (e.g. an empty ring).
    return [(error as Error).message];
  }
}

/** Validates one candidate feature; on success returns the repaired copy (the input is not changed). */
export function validateFeature(candidate: unknown, expectation: GeometryExpectation, options: ValidationOptions = {}): ValidationResult {
  const repairs = new Set<ValidationRule>();
  const state: RepairState = { rules: repairs, options, bowTie: null };
  try {
    if (candidate === null || typeof candidate !== 'object' || (candidate as { type?: unknown }).type !== 'Feature') {
      throw new Rejection('structure', '不是 Feature 对象');
    }
    const { geometry: rawGeometry, properties } = candidate as { geometry?: unknown; properties?: unknown };
    if (properties !== null && properties !== undefined && (typeof properties !== 'object' || Array.isArray(properties))) {
      throw new Rejection('structure', 'properties 必须是对象');
    }
    const geometry = repairGeometry(rawGeometry, expectation, state);
    const feature: Feature<Polygon | MultiPolygon | Point> = { type: 'Feature', geometry, properties: (properties ?? {}) as Record<string, unknown> };
    const errors = structuralErrors(feature);
    if (errors.length > 0) throw new Rejection('structure', errors.join('；'));
    const areaBefore = geometry.type === 'Point' ? null : state.bowTie ? state.bowTie.before : ellipsoidalAreaSquareMeters(geometry);
    const findings = [...repairs].map((rule) => ({
      rule, action: 'repaired' as const,
      message: rule === 'bowTieSplit' && state.bowTie
        ? `${VALIDATION_RULES.bowTieSplit}（${state.bowTie.parts} 个面）：面积 ${state.bowTie.before.toFixed(2)} m² → ${state.bowTie.after.toFixed(2)} m²`
        : VALIDATION_RULES[rule],
    }));
    return { ok: true, feature, findings, areaBeforeSquareMeters: areaBefore };
  } catch (error) {
    if (!(error instanceof Rejection)) throw error;
    const repairHint = error.repair === 'splitBowTie' ? '（可安全修复：拆分为多个面）' : '';
    return { ok: false, findings: [{ rule: error.rule, action: 'rejected', message: `${error.message}${repairHint}`, ...(error.repair ? { repair: error.repair } : {}) }] };
  }
}
