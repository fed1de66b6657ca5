/**
 * The generator draws in a local plane in metres (x east, y north) around 灵溪镇 and maps it to
 * longitude/latitude with a fixed affine map (an equirectangular projection with the GRS80 scale
 * at the origin). An affine map keeps straight lines straight and containment exact, so anything
 * disjoint or nested in the plane stays so in degrees (up to the 7-decimal rounding, ≈ 1 cm).
 */
import type { Polygon, Position } from 'geojson';
import { CGCS2000_FLATTENING, CGCS2000_SEMI_MAJOR_AXIS_METERS } from '../geo/ellipsoidal-area';

export type Point2 = readonly [number, number];
/** An open ring (first vertex not repeated). */
export type Ring2 = readonly Point2[];

export const ORIGIN_LONGITUDE = 120.4;
export const ORIGIN_LATITUDE = 27.5;

const ECCENTRICITY_SQUARED = CGCS2000_FLATTENING * (2 - CGCS2000_FLATTENING);
const PHI = (ORIGIN_LATITUDE * Math.PI) / 180;
const W = Math.sqrt(1 - ECCENTRICITY_SQUARED * Math.sin(PHI) ** 2);
const METERS_PER_DEGREE_LONGITUDE = ((Math.PI / 180) * CGCS2000_SEMI_MAJOR_AXIS_METERS * Math.cos(PHI)) / W;
const METERS_PER_DEGREE_LATITUDE =
  ((Math.PI / 180) * CGCS2000_SEMI_MAJOR_AXIS_METERS * (1 - ECCENTRICITY_SQUARED)) / W ** 3;

/** Rounds a coordinate to 7 decimals (≈ 1 cm), the precision of every stored geometry. */
export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

/** Local metres → rounded [longitude, latitude]. */
export function toLonLat(point: Point2): Position {
  return [
    round7(ORIGIN_LONGITUDE + point[0] / METERS_PER_DEGREE_LONGITUDE),
    round7(ORIGIN_LATITUDE + point[1] / METERS_PER_DEGREE_LATITUDE),
  ];
}

/** Signed planar area of an open ring in m² (positive when counter-clockwise). */
export function ringSignedArea(ring: Ring2): number {
  let twice = 0;
  for (let index = 0; index < ring.length; index++) {
    const current = ring[index] as Point2;
    const next = ring[(index + 1) % ring.length] as Point2;
    twice += current[0] * next[1] - next[0] * current[1];
  }
  return twice / 2;
}

/**
 * A closed GeoJSON ring from an open local ring: rounded to 7 decimals, repeated positions
 * dropped, oriented counter-clockwise (outer) or clockwise (hole) as RFC 7946 asks.
 */
export function toGeoJsonRing(ring: Ring2, outer: boolean): Position[] {
  const positions: Position[] = [];
  for (const point of ring) {
    const position = toLonLat(point);
    const last = positions[positions.length - 1];
    if (last === undefined || last[0] !== position[0] || last[1] !== position[1]) positions.push(position);
  }
  const first = positions[0];
  const last = positions[positions.length - 1];
  if (first && last && positions.length > 1 && first[0] === last[0] && first[1] === last[1]) positions.pop();
  const counterClockwise = ringSignedArea(positions as unknown as Ring2) > 0;
  if (counterClockwise !== outer) positions.reverse();
  const start = positions[0];
  if (start) positions.push([start[0] as number, start[1] as number]);
  return positions;
}

/** A GeoJSON polygon from an outer ring and optional holes, all in local metres. */
export function toPolygon(outer: Ring2, holes: readonly Ring2[] = []): Polygon {
  return {
    type: 'Polygon',
    coordinates: [toGeoJsonRing(outer, true), ...holes.map((hole) => toGeoJsonRing(hole, false))],
  };
}

/** Even–odd point-in-ring test. */
export function pointInRing(point: Point2, ring: Ring2): boolean {
  const [x, y] = point;
  let inside = false;
  for (let index = 0, previous = ring.length - 1; index < ring.length; previous = index++) {
    const [xi, yi] = ring[index] as Point2;
    const [xj, yj] = ring[previous] as Point2;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Distance in metres from a point to the segment a–b. */
export function distanceToSegment(point: Point2, a: Point2, b: Point2): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t = lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(point[0] - (a[0] + t * dx), point[1] - (a[1] + t * dy));
}

/** Distance from a point to the boundary of a closed ring. */
export function distanceToRing(point: Point2, ring: Ring2): number {
  let best = Infinity;
  for (let index = 0; index < ring.length; index++) {
    best = Math.min(best, distanceToSegment(point, ring[index] as Point2, ring[(index + 1) % ring.length] as Point2));
  }
  return best;
}

/** Distance from a point to an open polyline. */
export function distanceToPolyline(point: Point2, line: readonly Point2[]): number {
  let best = Infinity;
  for (let index = 0; index + 1 < line.length; index++) {
    best = Math.min(best, distanceToSegment(point, line[index] as Point2, line[index + 1] as Point2));
  }
  return best;
}

/** A star-shaped ring around `centre`, simple by construction (angles strictly increase). */
export interface StarRing {
  centre: Point2;
  ring: Ring2;
  /** Largest vertex distance from the centre: the ring lies in this disc. */
  maximumRadius: number;
  /**
   * A radius whose disc lies inside the ring (smallest vertex radius times cos of half the widest
   * angular step, a lower bound of the distance from the centre to every edge).
   */
  inscribedRadius: number;
}

export interface StarRingOptions {
  centre: Point2;
  meanRadius: number;
  vertexCount: number;
  /** Relative radial noise, e.g. 0.2 for ±20 %. */
  roughness: number;
  /** Stretch along x (1 = round); the shape is then rotated by `rotation`. */
  elongation?: number;
  rotation?: number;
}

export function starRing(next: () => number, options: StarRingOptions): StarRing {
  const { centre, meanRadius, vertexCount, roughness } = options;
  const elongation = options.elongation ?? 1;
  const rotation = options.rotation ?? 0;
  const step = (2 * Math.PI) / vertexCount;
  const phases = [next(), next(), next()].map((value) => value * 2 * Math.PI);
  const angles = Array.from({ length: vertexCount }, (_, index) => (index + 0.35 * (next() - 0.5)) * step);
  const ring: Point2[] = [];
  let maximumRadius = 0;
  let minimumRadius = Infinity;
  for (const angle of angles) {
    const harmonic =
      0.5 * Math.sin(2 * angle + (phases[0] as number)) +
      0.3 * Math.sin(3 * angle + (phases[1] as number)) +
      0.2 * Math.sin(5 * angle + (phases[2] as number));
    const noise = 1 + roughness * (0.7 * harmonic + 0.6 * (next() - 0.5));
    const ellipse = 1 / Math.sqrt((Math.cos(angle) / elongation) ** 2 + (Math.sin(angle) * elongation) ** 2);
    const radius = meanRadius * noise * ellipse;
    const x = radius * Math.cos(angle);
    const y = radius * Math.sin(angle);
    ring.push([
      centre[0] + x * Math.cos(rotation) - y * Math.sin(rotation),
      centre[1] + x * Math.sin(rotation) + y * Math.cos(rotation),
    ]);
    maximumRadius = Math.max(maximumRadius, radius);
    minimumRadius = Math.min(minimumRadius, radius);
  }
  let widestStep = 0;
  angles.forEach((angle, index) => {
    const following = index + 1 < angles.length ? (angles[index + 1] as number) : (angles[0] as number) + 2 * Math.PI;
    widestStep = Math.max(widestStep, following - angle);
  });
  return { centre, ring, maximumRadius, inscribedRadius: minimumRadius * Math.cos(widestStep / 2) };
}
