/** Bounding boxes of GeoJSON without Turf's per-feature allocations. */
import type { Feature, Geometry, Position } from 'geojson';

export type BoundingBox = [west: number, south: number, east: number, north: number];

function visitPositions(geometry: Geometry | null, visit: (position: Position) => void): void {
  if (!geometry) return;
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      return;
    case 'MultiPoint':
    case 'LineString':
      geometry.coordinates.forEach(visit);
      return;
    case 'MultiLineString':
    case 'Polygon':
      geometry.coordinates.forEach((line) => line.forEach(visit));
      return;
    case 'MultiPolygon':
      geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
      return;
    case 'GeometryCollection':
      geometry.geometries.forEach((member) => visitPositions(member, visit));
      return;
  }
}

/** The bounding box of all features, or null when there is no coordinate at all. */
export function boundingBoxOf(features: readonly Feature[]): BoundingBox | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const feature of features) {
    visitPositions(feature.geometry, ([x, y]) => {
      if (x === undefined || y === undefined) return;
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    });
  }
  return west <= east ? [west, south, east, north] : null;
}
