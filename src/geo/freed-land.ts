/**
 * The freed land of a zone: the demolished footprints inside it (each clipped at the zone edge,
 * then dissolved in one multi-input union), or the whole zone.
 */
import { booleanIntersects, featureCollection, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { boundingBoxesIntersect, geometryBoundingBox } from './spatial-index';

/**
 * The union of the footprints' parts inside the zone, or null when none lies in it. The footprints
 * are the geometries of the demolished violations (the caller picks them).
 */
export function footprintsInZone(zone: Polygon, footprints: readonly (Polygon | MultiPolygon)[]): Polygon | MultiPolygon | null {
  const zoneFeature: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: zone };
  const zoneBox = geometryBoundingBox(zone);
  const clipped: Feature<Polygon | MultiPolygon>[] = [];
  for (const geometry of footprints) {
    if (!boundingBoxesIntersect(zoneBox, geometryBoundingBox(geometry))) continue;
    const footprint: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry };
    if (!booleanIntersects(zoneFeature, footprint)) continue;
    const inside = intersect(featureCollection([zoneFeature, footprint]));
    if (inside) clipped.push(inside);
  }
  if (clipped.length === 0) return null;
  if (clipped.length === 1) return (clipped[0] as Feature<Polygon | MultiPolygon>).geometry;
  return union(featureCollection(clipped))?.geometry ?? null;
}
