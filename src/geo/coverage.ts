/**
 * Which features lie wholly or partly inside one container: violations in a zone, buildings in a
 * 城中村 block or an industrial block.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { measureOverlap, type OverlapOptions } from './clip-area';
import { prepareArea } from './prepared-area';

/** Any record with a string id and an areal geometry (violations, blocks, zones ...). */
export interface AreaFeature {
  id: string;
  geometry: Polygon | MultiPolygon;
}

/** Ids of the features inside a container, each in input order; a feature appears in one list at most. */
export interface CoverageClassification {
  /** Features lying inside the container (their boundary may run along the container's). */
  whollyInsideIds: string[];
  /** Features with a positive area inside and a positive area outside. */
  partlyInsideIds: string[];
  /** Features whose clip failed (invalid geometry); their coverage is unknown. */
  unmeasuredIds: string[];
}

/**
 * Classifies `features` against `container` (a Polygon/MultiPolygon or a feature holding one).
 * "Positive area" means more than `options.toleranceSquareMeters` (default 1 cm², ellipsoidal), so
 * features that only touch the container are in no list. Empty `features` gives three empty lists.
 * Cost: one point-in-polygon test per feature part, plus a clip for features meeting the boundary.
 */
export function classifyCoverage(
  container: Polygon | MultiPolygon | Feature<Polygon | MultiPolygon>,
  features: readonly AreaFeature[],
  options: OverlapOptions = {},
): CoverageClassification {
  const area = prepareArea(container.type === 'Feature' ? container.geometry : container);
  const result: CoverageClassification = { whollyInsideIds: [], partlyInsideIds: [], unmeasuredIds: [] };
  for (const candidate of features) {
    const { coverage } = measureOverlap(area, candidate.geometry, options);
    if (coverage === 'wholly') result.whollyInsideIds.push(candidate.id);
    else if (coverage === 'partly') result.partlyInsideIds.push(candidate.id);
    else if (coverage === 'unmeasured') result.unmeasuredIds.push(candidate.id);
  }
  return result;
}
