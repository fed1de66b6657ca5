/**
 * Moves a whole zone: every vertex shifted by the longitude/latitude offset from `from` to `to`
 * (a drag from one map position to another). The shape is kept in lon/lat, which over a zone's few
 * kilometres is what a planner sees on the Web-Mercator map; the area changes only by the
 * latitude dependence of the ellipsoid (≈ 1e-6 per 10 m north at 27.5°N). Returns the moved polygon
 * in stored form; a move that rounding turns into a crossing is refused like any other edit.
 */
import type { Polygon, Position } from 'geojson';
import { acceptZonePolygon } from './validate-zone-polygon';
import type { ZoneEditResult } from './zone-edit-result';

export function moveZonePolygon(polygon: Polygon, from: Position, to: Position): ZoneEditResult<Polygon> {
  const eastDegrees = (to[0] as number) - (from[0] as number);
  const northDegrees = (to[1] as number) - (from[1] as number);
  const moved: Polygon = {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) => ring.map((position) => [(position[0] as number) + eastDegrees, (position[1] as number) + northDegrees])),
  };
  return acceptZonePolygon(moved);
}
