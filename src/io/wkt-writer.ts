/**
 * Writes a geometry as Well-Known Text (POINT, LINESTRING, POLYGON, MULTIPOLYGON and the other
 * multi types), each number in the shortest form that reads back exactly — for a WKT column in a
 * CSV or .xlsx export.
 */
import type { Geometry, Position } from 'geojson';

const position = (point: Position) => `${point[0]} ${point[1]}`;
const line = (points: Position[]) => `(${points.map(position).join(', ')})`;
const polygon = (rings: Position[][]) => `(${rings.map(line).join(', ')})`;

export function writeWkt(geometry: Geometry | null): string {
  if (!geometry) return '';
  switch (geometry.type) {
    case 'Point': return `POINT (${position(geometry.coordinates)})`;
    case 'MultiPoint': return `MULTIPOINT ${line(geometry.coordinates)}`;
    case 'LineString': return `LINESTRING ${line(geometry.coordinates)}`;
    case 'MultiLineString': return `MULTILINESTRING (${geometry.coordinates.map(line).join(', ')})`;
    case 'Polygon': return `POLYGON ${polygon(geometry.coordinates)}`;
    case 'MultiPolygon': return `MULTIPOLYGON (${geometry.coordinates.map(polygon).join(', ')})`;
    case 'GeometryCollection': return `GEOMETRYCOLLECTION (${geometry.geometries.map(writeWkt).join(', ')})`;
  }
}
