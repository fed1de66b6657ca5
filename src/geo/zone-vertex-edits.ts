/**
 * Vertex edits of a zone's outer ring: move one vertex, insert one after a vertex (e.g. at an
 * edge's midpoint), delete one. Vertex `i` is the i-th distinct vertex of the ring in stored form
 * (the closing position is not a vertex of its own), so index 0 moves the first and the closing
 * position together. Each returns the edited polygon in stored form, or a refusal: an index out of
 * range, fewer than 3 vertices, or a boundary that would cross itself. Holes are kept as they are.
 */
import type { Polygon, Position } from 'geojson';
import { closeRing, ringVertices } from './normalise-zone-polygon';
import { acceptZonePolygon } from './validate-zone-polygon';
import { refused, type ZoneEditResult } from './zone-edit-result';

function withOuterVertices(polygon: Polygon, vertices: Position[]): Polygon {
  return { type: 'Polygon', coordinates: [closeRing(vertices), ...polygon.coordinates.slice(1)] };
}

function outerVertices(polygon: Polygon): Position[] {
  return ringVertices(polygon.coordinates[0] ?? []);
}

/** Vertex `index` moved to `position`. */
export function moveZoneVertex(polygon: Polygon, index: number, position: Position): ZoneEditResult<Polygon> {
  const vertices = outerVertices(polygon);
  if (!Number.isInteger(index) || index < 0 || index >= vertices.length) return refused('vertexOutOfRange');
  vertices[index] = [position[0] as number, position[1] as number];
  return acceptZonePolygon(withOuterVertices(polygon, vertices));
}

/** A new vertex at `position` between vertex `afterIndex` and the next one. */
export function insertZoneVertex(polygon: Polygon, afterIndex: number, position: Position): ZoneEditResult<Polygon> {
  const vertices = outerVertices(polygon);
  if (!Number.isInteger(afterIndex) || afterIndex < 0 || afterIndex >= vertices.length) return refused('vertexOutOfRange');
  vertices.splice(afterIndex + 1, 0, [position[0] as number, position[1] as number]);
  return acceptZonePolygon(withOuterVertices(polygon, vertices));
}

/** Vertex `index` removed; refused when the ring would keep fewer than 3 vertices. */
export function deleteZoneVertex(polygon: Polygon, index: number): ZoneEditResult<Polygon> {
  const vertices = outerVertices(polygon);
  if (!Number.isInteger(index) || index < 0 || index >= vertices.length) return refused('vertexOutOfRange');
  if (vertices.length <= 3) return refused('tooFewVertices');
  vertices.splice(index, 1);
  return acceptZonePolygon(withOuterVertices(polygon, vertices));
}
