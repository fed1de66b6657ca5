/**
 * Splits freed land (a zone, or the demolished footprints in it) into strips with target area
 * shares, e.g. 耕 40 % / 建 35 % / 绿 25 %.
 *
 * Method (STACK-NOTES: bisecting a cut line): the land is mapped to a local plane (equirectangular
 * about its centre, an affine map, so straight cuts stay straight and every area scales by the same
 * factor to well under 0.01 % over a few km) and rotated so the cuts run across its longest extent
 * (strips are then as compact as strips can be). For each cumulative share the cut position is found
 * by bisection on the clipped area, which is the signed area of each ring clipped to the half-plane
 * (Sutherland–Hodgman; the clip's zero-width bridges don't change a signed area, so concave rings and
 * holes are handled). Only then is each strip's geometry built, once, by intersecting the land with
 * the strip's rectangle (Turf/polyclip): a strip of a concave zone can be a MultiPolygon.
 */
import { featureCollection, intersect, polygon as turfPolygon, multiPolygon as turfMultiPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';

const METERS_PER_DEGREE = (6378137 * Math.PI) / 180;
const ANGLE_STEPS = 36;
const BISECTION_STEPS = 60;

type Ring = [number, number][];

interface Frame {
  longitude: number;
  latitude: number;
  cosine: number;
  /** Unit vector of the cut axis (u) in the local plane; v is perpendicular. */
  axis: [number, number];
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function toPlane(frame: Frame, position: Position): [number, number] {
  const x = ((position[0] as number) - frame.longitude) * frame.cosine * METERS_PER_DEGREE;
  const y = ((position[1] as number) - frame.latitude) * METERS_PER_DEGREE;
  return [x * frame.axis[0] + y * frame.axis[1], -x * frame.axis[1] + y * frame.axis[0]];
}

function fromPlane(frame: Frame, u: number, v: number): Position {
  const x = u * frame.axis[0] - v * frame.axis[1];
  const y = u * frame.axis[1] + v * frame.axis[0];
  return [frame.longitude + x / (frame.cosine * METERS_PER_DEGREE), frame.latitude + y / METERS_PER_DEGREE];
}

function signedArea(ring: Ring): number {
  let sum = 0;
  for (let index = 0; index < ring.length; index += 1) {
    const [x1, y1] = ring[index] as [number, number];
    const [x2, y2] = ring[(index + 1) % ring.length] as [number, number];
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area (m² of the plane) of the ring's part with u < cut; rings are taken unclosed. */
function areaBelow(ring: Ring, cut: number): number {
  const clipped: Ring = [];
  for (let index = 0; index < ring.length; index += 1) {
    const current = ring[index] as [number, number];
    const next = ring[(index + 1) % ring.length] as [number, number];
    const currentIn = current[0] < cut;
    const nextIn = next[0] < cut;
    if (currentIn) clipped.push(current);
    if (currentIn !== nextIn) {
      const t = (cut - current[0]) / (next[0] - current[0]);
      clipped.push([cut, current[1] + t * (next[1] - current[1])]);
    }
  }
  return clipped.length < 3 ? 0 : Math.abs(signedArea(clipped));
}

interface PlaneLand {
  /** Shells and holes, each with its sign (+1 shell, −1 hole). */
  rings: { ring: Ring; sign: number }[];
  minimumU: number;
  maximumU: number;
  minimumV: number;
  maximumV: number;
}

function planeLand(geometry: Polygon | MultiPolygon, frame: Frame): PlaneLand {
  const rings: PlaneLand['rings'] = [];
  let minimumU = Infinity, maximumU = -Infinity, minimumV = Infinity, maximumV = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    polygon.forEach((ring, ringIndex) => {
      const points = ring.slice(0, -1).map((position) => toPlane(frame, position));
      for (const [u, v] of points) {
        minimumU = Math.min(minimumU, u); maximumU = Math.max(maximumU, u);
        minimumV = Math.min(minimumV, v); maximumV = Math.max(maximumV, v);
      }
      rings.push({ ring: points, sign: ringIndex === 0 ? 1 : -1 });
    });
  }
  return { rings, minimumU, maximumU, minimumV, maximumV };
}

function landAreaBelow(land: PlaneLand, cut: number): number {
  return land.rings.reduce((sum, { ring, sign }) => sum + sign * areaBelow(ring, cut), 0);
}

/** The cut axis: the direction of the longest extent among 36 directions (5° steps). */
function longestAxis(geometry: Polygon | MultiPolygon, longitude: number, latitude: number): [number, number] {
  const cosine = Math.cos((latitude * Math.PI) / 180);
  let best: [number, number] = [1, 0];
  let bestExtent = -1;
  for (let step = 0; step < ANGLE_STEPS; step += 1) {
    const angle = (step * Math.PI) / ANGLE_STEPS;
    const axis: [number, number] = [Math.cos(angle), Math.sin(angle)];
    const land = planeLand(geometry, { longitude, latitude, cosine, axis });
    const extent = land.maximumU - land.minimumU;
    if (extent > bestExtent + 1e-9) {
      bestExtent = extent;
      best = axis;
    }
  }
  return best;
}

function centreOf(geometry: Polygon | MultiPolygon): [number, number] {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [longitude, latitude] of polygon[0] ?? []) {
      west = Math.min(west, longitude as number); east = Math.max(east, longitude as number);
      south = Math.min(south, latitude as number); north = Math.max(north, latitude as number);
    }
  }
  return [(west + east) / 2, (south + north) / 2];
}

function bisectCut(land: PlaneLand, targetArea: number): number {
  let low = land.minimumU;
  let high = land.maximumU;
  for (let step = 0; step < BISECTION_STEPS; step += 1) {
    const middle = (low + high) / 2;
    if (landAreaBelow(land, middle) < targetArea) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

export interface ShareSplitResult {
  /** One geometry per share, in the order of the shares; null where the share is 0. */
  parts: (Polygon | MultiPolygon | null)[];
  /** Ellipsoidal area of the land split, m². */
  landAreaSquareMeters: number;
}

/**
 * Splits `land` into consecutive strips with the given shares (fractions that add up to 1; zero
 * shares give null). Throws on shares that are negative or do not add up to 1 (±1e-6).
 */
export function splitLandByShares(land: Polygon | MultiPolygon, shares: readonly number[]): ShareSplitResult {
  const total = shares.reduce((sum, share) => sum + share, 0);
  if (shares.some((share) => !(share >= 0)) || Math.abs(total - 1) > 1e-6) throw new RangeError('splitLandByShares: shares must be ≥ 0 and add up to 1');
  const [longitude, latitude] = centreOf(land);
  const frame: Frame = { longitude, latitude, cosine: Math.cos((latitude * Math.PI) / 180), axis: longestAxis(land, longitude, latitude) };
  const plane = planeLand(land, frame);
  const planeArea = landAreaBelow(plane, plane.maximumU + 1);
  const margin = Math.max(1, (plane.maximumU - plane.minimumU) * 0.01, (plane.maximumV - plane.minimumV) * 0.01);
  const cuts: number[] = [plane.minimumU - margin];
  let cumulative = 0;
  shares.forEach((share, index) => {
    cumulative += share;
    cuts.push(index === shares.length - 1 ? plane.maximumU + margin : bisectCut(plane, cumulative * planeArea));
  });
  const landFeature: Feature<Polygon | MultiPolygon> = land.type === 'Polygon' ? turfPolygon(land.coordinates) : turfMultiPolygon(land.coordinates);
  const low = plane.minimumV - margin;
  const high = plane.maximumV + margin;
  const parts = shares.map((share, index) => {
    if (share <= 0) return null;
    const start = cuts[index] as number;
    const end = cuts[index + 1] as number;
    const strip = turfPolygon([[fromPlane(frame, start, low), fromPlane(frame, end, low), fromPlane(frame, end, high), fromPlane(frame, start, high), fromPlane(frame, start, low)]]);
    return intersect(featureCollection<Polygon | MultiPolygon>([landFeature, strip]))?.geometry ?? null;
  });
  return { parts, landAreaSquareMeters: ellipsoidalAreaSquareMeters(land) };
}
