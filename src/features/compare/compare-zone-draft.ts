/**
 * A polygon drawn on #/compare turned into the start of a new zone: the drawn vertices closed into a
 * ring (repeated clicks dropped), checked by the zone geometry rules, with its ellipsoidal area and
 * the township that contains it (the form's default) — or the Chinese reason it cannot be a zone.
 */
import type { Polygon } from 'geojson';
import { ellipsoidalAreaSquareMeters } from '../../geo/ellipsoidal-area';
import { validateZonePolygon } from '../../geo/validate-zone-polygon';
import type { ProjectRecords } from '../../state/project-state';
import { selectTownshipContaining } from '../../state/zone-details';

export type ZoneDraft =
  | { ok: true; polygon: Polygon; areaSquareMeters: number; townshipId: string | null }
  | { ok: false; reason: string };

/** The vertices without consecutive repeats (a double click's second click adds one). */
export function distinctVertices(positions: readonly (readonly [number, number])[]): [number, number][] {
  return positions
    .filter((position, index) => index === 0 || position[0] !== positions[index - 1]![0] || position[1] !== positions[index - 1]![1])
    .map(([longitude, latitude]) => [longitude, latitude]);
}

/** The closed polygon of the drawn vertices, or null with fewer than 3 distinct vertices. */
export function drawnPolygonOf(positions: readonly (readonly [number, number])[]): Polygon | null {
  const ring = distinctVertices(positions);
  if (ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1]) ring.pop();
  if (ring.length < 3) return null;
  return { type: 'Polygon', coordinates: [[...ring, [...ring[0]!]]] };
}

export function zoneDraftOf(records: Pick<ProjectRecords, 'townships'>, positions: readonly (readonly [number, number])[]): ZoneDraft {
  const polygon = drawnPolygonOf(positions);
  if (!polygon) return { ok: false, reason: '新改造区块：区块至少需要 3 个不同的顶点' };
  const checked = validateZonePolygon(polygon);
  if (!checked.ok) return { ok: false, reason: `新改造区块：${checked.reason}` };
  return {
    ok: true, polygon, areaSquareMeters: ellipsoidalAreaSquareMeters(polygon),
    townshipId: selectTownshipContaining(records as ProjectRecords, polygon),
  };
}
