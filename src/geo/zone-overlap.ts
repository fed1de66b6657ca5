/**
 * How much a zone overlaps other zones. Overlap is allowed (issue 3) but shown as a warning with
 * its area. Areas are ellipsoidal m² of the clipped parts (`measureOverlap`); zones that only
 * share an edge or a point overlap by 0 and are not listed.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import { measureOverlap, type OverlapOptions } from './clip-area';
import { prepareArea } from './prepared-area';
import { boundingBoxesIntersect, geometryBoundingBox } from './spatial-index';

export interface ZoneOverlapEntry {
  zoneId: string;
  /** Area of the other zone lying inside this one, m². */
  areaSquareMeters: number;
}

export interface ZoneOverlapSummary {
  /** One entry per other zone with a positive overlap, in input order. */
  overlaps: ZoneOverlapEntry[];
  /**
   * Sum of the entries, m². Where the other zones overlap each other as well, the common part is
   * counted once per zone.
   */
  totalAreaSquareMeters: number;
}

/**
 * Overlap of `geometry` with each of `others` (the zone itself, matched by `zoneId`, is skipped).
 * Cost: a bounding-box test per other zone, a clip for those that meet the boundary. Empty
 * `others` gives no entries and 0.
 */
export function measureZoneOverlaps(
  zoneId: string,
  geometry: Polygon | MultiPolygon,
  others: readonly { id: string; geometry: Polygon | MultiPolygon }[],
  options: OverlapOptions = {},
): ZoneOverlapSummary {
  const box = geometryBoundingBox(geometry);
  const candidates = others.filter((other) => other.id !== zoneId && boundingBoxesIntersect(box, geometryBoundingBox(other.geometry)));
  if (candidates.length === 0) return { overlaps: [], totalAreaSquareMeters: 0 };
  const area = prepareArea(geometry);
  const overlaps: ZoneOverlapEntry[] = [];
  for (const other of candidates) {
    const overlap = measureOverlap(area, other.geometry, options);
    if (overlap.insideAreaSquareMeters > 0) overlaps.push({ zoneId: other.id, areaSquareMeters: overlap.insideAreaSquareMeters });
  }
  return { overlaps, totalAreaSquareMeters: overlaps.reduce((sum, entry) => sum + entry.areaSquareMeters, 0) };
}
