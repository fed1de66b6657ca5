/**
 * The rules every zone geometry obeys (issue 3): finite coordinates, closed rings of at least 3
 * distinct vertices with an area, and a boundary that never crosses or touches itself. A crossing
 * is found with `turf.kinks`; the refusal carries the first crossing point so the UI can show the
 * reason at that spot. `acceptZonePolygon` is what every edit operation returns: the stored form
 * (`normaliseZonePolygon`) if it is valid.
 */
import { kinks, polygon as turfPolygon } from '@turf/turf';
import type { Polygon, Position } from 'geojson';
import { polygonAreaSquareMeters } from './ellipsoidal-area';
import { normaliseZonePolygon, ringVertices, samePosition } from './normalise-zone-polygon';
import { accepted, refused, type ZoneEditResult } from './zone-edit-result';

/** Areas up to this (m²) count as none: three nearly collinear vertices are not a zone. */
export const MINIMUM_ZONE_AREA_SQUARE_METERS = 0.01;

function allFinite(polygon: Polygon): boolean {
  return polygon.coordinates.every((ring) => ring.every((position) => Number.isFinite(position[0]) && Number.isFinite(position[1])));
}

/** The first point where the boundary crosses or touches itself, or null. */
export function firstSelfIntersection(polygon: Polygon): Position | null {
  const found = kinks(turfPolygon(polygon.coordinates)).features[0];
  return found ? (found.geometry.coordinates as Position) : null;
}

/**
 * Checks a polygon as given (it is not normalised first; rings must already be closed). Returns
 * the same polygon when valid. Checks run in this order: finite numbers, closed rings, ≥ 3
 * distinct vertices per ring, self-intersection, area (a bow-tie's lobes cancel).
 */
export function validateZonePolygon(polygon: Polygon): ZoneEditResult<Polygon> {
  if (!allFinite(polygon)) return refused('nonFinite');
  if (polygon.coordinates.length === 0) return refused('tooFewVertices');
  for (const ring of polygon.coordinates) {
    const first = ring[0];
    const last = ring[ring.length - 1];
    if (first === undefined || last === undefined || !samePosition(first, last)) return refused('ringNotClosed');
    if (ringVertices(ring).length < 3) return refused('tooFewVertices');
  }
  const crossing = firstSelfIntersection(polygon);
  if (crossing) return refused('selfIntersection', crossing);
  if (polygonAreaSquareMeters(polygon.coordinates) <= MINIMUM_ZONE_AREA_SQUARE_METERS) return refused('zeroArea');
  return accepted(polygon);
}

/** The polygon in stored form if that form is a valid zone geometry; otherwise the refusal. */
export function acceptZonePolygon(polygon: Polygon): ZoneEditResult<Polygon> {
  if (!allFinite(polygon)) return refused('nonFinite');
  return validateZonePolygon(normaliseZonePolygon(polygon));
}
