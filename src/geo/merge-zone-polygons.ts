/**
 * Merges two zones into one (their union, `turf.union`).
 *
 * Zones drawn with edge snapping share boundary points that were rounded to 7 decimals, so a
 * vertex of one zone may lie a few millimetres off the other's edge. Before the union, each
 * vertex of one zone lying within {@link MERGE_CONTACT_TOLERANCE_DEGREES} of an edge of the other
 * is inserted into that edge, so the two boundaries share it exactly and the union closes.
 *
 * Refused when the zones neither touch nor overlap, when the union is not one polygon (they meet
 * only at single points), or when it has a hole (zones have none).
 */
import { booleanDisjoint, feature, featureCollection, union } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { closeRing, ringVertices, samePosition } from './normalise-zone-polygon';
import { acceptZonePolygon } from './validate-zone-polygon';
import { refused, type ZoneEditResult } from './zone-edit-result';

/**
 * ≈ 2 cm (two steps of the 7-decimal grid): the distance within which a vertex counts as lying on
 * the other zone's edge. A snapped point rounded to the grid is at most one step off the edge.
 */
export const MERGE_CONTACT_TOLERANCE_DEGREES = 2e-7;

/** Parameter of `point` along a→b when it lies within the tolerance of the segment's interior, else null. */
function parameterOnSegment(point: Position, a: Position, b: Position): number | null {
  const dx = (b[0] as number) - (a[0] as number);
  const dy = (b[1] as number) - (a[1] as number);
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return null;
  const t = (((point[0] as number) - (a[0] as number)) * dx + ((point[1] as number) - (a[1] as number)) * dy) / lengthSquared;
  if (t <= 0 || t >= 1) return null;
  const offsetX = (a[0] as number) + t * dx - (point[0] as number);
  const offsetY = (a[1] as number) + t * dy - (point[1] as number);
  return Math.hypot(offsetX, offsetY) <= MERGE_CONTACT_TOLERANCE_DEGREES ? t : null;
}

/** `target` with every vertex of `other` that lies on one of its edges inserted there. */
export function insertContactVertices(target: readonly Position[], other: readonly Position[]): Position[] {
  const result: Position[] = [];
  target.forEach((vertex, index) => {
    const next = target[(index + 1) % target.length] as Position;
    result.push(vertex);
    const onEdge = other
      .filter((point) => !samePosition(point, vertex) && !samePosition(point, next))
      .map((point) => ({ point, t: parameterOnSegment(point, vertex, next) }))
      .filter((candidate): candidate is { point: Position; t: number } => candidate.t !== null)
      .sort((a, b) => a.t - b.t);
    for (const { point } of onEdge) result.push([...point]);
  });
  return result;
}

function asPolygon(vertices: readonly Position[]): Polygon {
  return { type: 'Polygon', coordinates: [closeRing(vertices)] };
}

/** The union of two zones as one zone polygon in stored form, or a refusal. */
export function mergeZonePolygons(first: Polygon, second: Polygon): ZoneEditResult<Polygon> {
  if (first.coordinates.length > 1 || second.coordinates.length > 1) return refused('holesNotSupported');
  const firstVertices = ringVertices(first.coordinates[0] ?? []);
  const secondVertices = ringVertices(second.coordinates[0] ?? []);
  const a = asPolygon(insertContactVertices(firstVertices, secondVertices));
  const b = asPolygon(insertContactVertices(secondVertices, firstVertices));
  if (booleanDisjoint(a, b)) return refused('mergeDisjoint');
  const merged = union(featureCollection([feature(a), feature(b)]))?.geometry as Polygon | MultiPolygon | undefined;
  if (!merged) return refused('mergeDisjoint');
  const polygons = merged.type === 'Polygon' ? [merged.coordinates] : merged.coordinates;
  if (polygons.length !== 1) return refused('mergeNotSinglePolygon');
  const rings = polygons[0] as Position[][];
  if (rings.length > 1) return refused('mergeHasHoles');
  return acceptZonePolygon({ type: 'Polygon', coordinates: rings });
}
