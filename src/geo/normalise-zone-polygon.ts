/**
 * Puts a zone polygon into its stored form: coordinates rounded to 7 decimal places (≈ 1 cm),
 * repeated vertices removed (also those that only became equal by rounding), rings closed, the
 * outer ring counter-clockwise and holes clockwise (RFC 7946). Orientation is decided by the
 * ellipsoidal signed area. Pure; the input is not changed. It repairs nothing else: a ring with too
 * few vertices or a crossing stays as it is, for `validateZonePolygon` to refuse.
 */
import type { Polygon, Position } from 'geojson';
import { ringSignedAreaSquareMeters } from './ellipsoidal-area';

/** Decimal places of stored zone coordinates. */
export const ZONE_COORDINATE_DECIMALS = 7;
const SCALE = 10 ** ZONE_COORDINATE_DECIMALS;

/** A coordinate value rounded to the stored precision. */
export function roundCoordinate(value: number): number {
  return Math.round(value * SCALE) / SCALE;
}

/** A position rounded to the stored precision (extra dimensions such as altitude are dropped). */
export function roundPosition(position: Position): Position {
  return [roundCoordinate(position[0] as number), roundCoordinate(position[1] as number)];
}

export function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/**
 * The distinct vertices of a ring in order: rounded, without consecutive repeats and without the
 * closing position (a ring given closed or open gives the same list).
 */
export function ringVertices(ring: readonly Position[]): Position[] {
  const vertices: Position[] = [];
  for (const position of ring) {
    const rounded = roundPosition(position);
    const previous = vertices[vertices.length - 1];
    if (previous === undefined || !samePosition(previous, rounded)) vertices.push(rounded);
  }
  while (vertices.length > 1 && samePosition(vertices[0] as Position, vertices[vertices.length - 1] as Position)) vertices.pop();
  return vertices;
}

/** Closes a list of vertices into a ring (first position repeated at the end); [] stays []. */
export function closeRing(vertices: readonly Position[]): Position[] {
  const first = vertices[0];
  return first === undefined ? [] : [...vertices.map((vertex) => [...vertex]), [...first]];
}

/** One ring in stored form; `outer` decides the orientation (counter-clockwise when true). */
export function normaliseZoneRing(ring: readonly Position[], outer = true): Position[] {
  const closed = closeRing(ringVertices(ring));
  const counterClockwise = ringSignedAreaSquareMeters(closed) > 0;
  return counterClockwise === outer || closed.length < 4 ? closed : closed.reverse();
}

/** The polygon in stored form (see the module comment). Rings that end up empty are dropped. */
export function normaliseZonePolygon(polygon: Polygon): Polygon {
  const rings = polygon.coordinates
    .map((ring, index) => normaliseZoneRing(ring, index === 0))
    .filter((ring, index) => index === 0 || ring.length > 0);
  return { type: 'Polygon', coordinates: rings };
}
