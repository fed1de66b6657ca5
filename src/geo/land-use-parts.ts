/**
 * Which part of a split zone a parcel or site lies in: the part holding a point surely inside the
 * feature (turf's pointOnFeature), else the part it overlaps most by bounding box; index 0 when
 * none matches.
 */
import { booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { geometryBoundingBox } from './spatial-index';

export function partContaining(geometry: Polygon | MultiPolygon, parts: readonly Polygon[]): number {
  const point = pointOnFeature({ type: 'Feature', properties: {}, geometry });
  const inside = parts.findIndex((part) => booleanPointInPolygon(point, part));
  if (inside >= 0) return inside;
  const box = geometryBoundingBox(geometry);
  let best = 0;
  let bestOverlap = 0;
  parts.forEach((part, index) => {
    const other = geometryBoundingBox(part);
    const width = Math.min(box[2], other[2]) - Math.max(box[0], other[0]);
    const height = Math.min(box[3], other[3]) - Math.max(box[1], other[1]);
    const overlap = width > 0 && height > 0 ? width * height : 0;
    if (overlap > bestOverlap) {
      best = index;
      bestOverlap = overlap;
    }
  });
  return best;
}
