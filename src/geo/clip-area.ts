/**
 * How much of one feature lies inside a prepared container, in ellipsoidal m², and whether it lies
 * wholly or partly inside. Features near the container boundary are measured by the area-only
 * overlay (`polygon-overlay.ts`, no clipped geometry is built); all others by one point-in-polygon
 * test per part. Where the overlay does not apply (self-crossing rings, holes outside their shell,
 * overlapping parts), the feature is clipped with `turf.intersect` as before, which also serves as
 * the oracle in the tests ({@link measureOverlapByClipping}).
 */
import { bboxClip, feature, featureCollection, intersect } from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ellipsoidalAreaSquareMeters, polygonAreaSquareMeters } from './ellipsoidal-area';
import { type InsideArea, overlayInsideAreaSquareMeters } from './polygon-overlay';
import { containsPosition, hasRingInside, type PreparedArea, touchesBoundary } from './prepared-area';
import { type BoundingBox, boundingBoxesIntersect, expandBoundingBox, geometryBoundingBox } from './spatial-index';

/**
 * `wholly`: the feature lies inside the container (its boundary may run along the container's);
 * `partly`: a positive area lies inside and a positive area outside; `outside`: no positive area
 * inside; `unmeasured`: the clip failed (invalid geometry), the area inside is unknown.
 */
export type Coverage = 'wholly' | 'partly' | 'outside' | 'unmeasured';

/** The part of one feature inside one container. */
export interface Overlap {
  coverage: Coverage;
  /** Ellipsoidal area of the part inside, m²: the whole area when `wholly`, 0 when `outside`/`unmeasured`. */
  insideAreaSquareMeters: number;
  /** Ellipsoidal area of the whole feature, m². */
  featureAreaSquareMeters: number;
}

export interface OverlapOptions {
  /**
   * Areas up to this size (m²) count as nothing: a feature with no more than this inside is
   * `outside`, one with no more than this outside is `wholly` inside. Absorbs clipping noise on
   * shared edges. Default {@link DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS}.
   */
  toleranceSquareMeters?: number;
}

/** 1 cm²: far below survey precision, far above floating-point clipping noise (~1e-9 m²). */
export const DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS = 1e-4;

/** Containers with more edges than this are first cut to the feature's surroundings before clipping. */
const LOCAL_CUT_MIN_EDGES = 64;

function classify(inside: number, total: number, tolerance: number): Overlap {
  if (inside <= tolerance) return { coverage: 'outside', insideAreaSquareMeters: 0, featureAreaSquareMeters: total };
  if (total - inside <= tolerance) return { coverage: 'wholly', insideAreaSquareMeters: total, featureAreaSquareMeters: total };
  return { coverage: 'partly', insideAreaSquareMeters: Math.min(inside, total), featureAreaSquareMeters: total };
}

/**
 * The container cut to the feature's box grown by its own size, so polyclip sweeps a few edges
 * instead of the whole container. `bboxClip` may leave zero-width bridges, but only on the cut
 * lines, which lie outside the feature, so they cannot change the intersection.
 */
function localContainer(area: PreparedArea, box: BoundingBox): Polygon | MultiPolygon | null {
  if (area.edges.length / 4 <= LOCAL_CUT_MIN_EDGES) return area.geometry;
  const margin = Math.max(box[2] - box[0], box[3] - box[1]);
  const cut = bboxClip(area.geometry, expandBoundingBox(box, margin)).geometry as Polygon | MultiPolygon;
  // bboxClip keeps a polygon whose rings all fell outside as an empty coordinate list.
  const polygons = (cut.type === 'Polygon' ? [cut.coordinates] : cut.coordinates).filter((rings) => rings.length > 0);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] as Position[][] } : { type: 'MultiPolygon', coordinates: polygons };
}

function clipOverlap(area: PreparedArea, geometry: Polygon | MultiPolygon, box: BoundingBox, total: number, tolerance: number): Overlap {
  const container = localContainer(area, box);
  if (container === null) return classify(0, total, tolerance);
  try {
    const clipped = intersect(featureCollection([feature(geometry), feature(container)]));
    return classify(ellipsoidalAreaSquareMeters(clipped), total, tolerance);
  } catch {
    // polyclip-ts throws on some invalid rings; report instead of failing the whole statistic.
    return { coverage: 'unmeasured', insideAreaSquareMeters: 0, featureAreaSquareMeters: total };
  }
}

/** No edge meets the boundary and no container ring is inside: each part is wholly in or out. */
function overlapByParts(area: PreparedArea, geometry: Polygon | MultiPolygon, total: number, tolerance: number): Overlap {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let inside = 0;
  for (const rings of polygons) {
    const vertex = rings[0]?.[0];
    if (vertex !== undefined && containsPosition(area, vertex as Position)) inside += polygonAreaSquareMeters(rings);
  }
  return classify(inside, total, tolerance);
}

/**
 * Measures the part of `geometry` inside the prepared container with `turf.intersect` (the method
 * before the overlay; kept as the fallback and as the oracle of the tests and the benchmark).
 *
 * A feature is clipped only when one of its edges crosses or touches the container boundary, or a
 * container ring (e.g. a hole) lies inside it; this decides "wholly inside" correctly where
 * `turf.booleanWithin` does not (it misses a boundary that cuts across a building between its
 * vertices). Empty or zero-area geometry is `outside` with area 0.
 */
export function measureOverlapByClipping(area: PreparedArea, geometry: Polygon | MultiPolygon, options: OverlapOptions = {}): Overlap {
  const tolerance = options.toleranceSquareMeters ?? DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS;
  const total = ellipsoidalAreaSquareMeters(geometry);
  const box = geometryBoundingBox(geometry);
  if (!boundingBoxesIntersect(area.boundingBox, box)) return classify(0, total, tolerance);
  if (touchesBoundary(area, geometry, box) || hasRingInside(area, geometry, box)) {
    return clipOverlap(area, geometry, box, total, tolerance);
  }
  return overlapByParts(area, geometry, total, tolerance);
}

/** Coverage and inside area of one feature, without the feature's own area (see {@link coverageFromInsideArea}). */
export interface CoverageMeasure {
  coverage: Coverage;
  /** As {@link Overlap.insideAreaSquareMeters}. */
  insideAreaSquareMeters: number;
}

/**
 * Step 1 of {@link measureOverlap} for callers that cache each feature's area: the area of the
 * feature inside the container by the overlay (0 when the boxes are apart), `'all-inside'`, or
 * `'undecided'` (see `overlayInsideAreaSquareMeters`). `box` is the feature's bounding box.
 */
export function overlayInsideArea(area: PreparedArea, geometry: Polygon | MultiPolygon, box: BoundingBox): InsideArea {
  if (!boundingBoxesIntersect(area.boundingBox, box)) return 0;
  return overlayInsideAreaSquareMeters(area.overlay, geometry, box);
}

/** Whether step 1 already says `outside` (then the feature's area is not needed). */
export function isOutside(inside: InsideArea, toleranceSquareMeters: number = DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS): boolean {
  return typeof inside === 'number' && inside <= toleranceSquareMeters;
}

/**
 * Step 2: the coverage from step 1 and the feature's ellipsoidal area; `'undecided'` is clipped
 * with `turf.intersect`. The same result as {@link measureOverlap}.
 */
export function coverageFromInsideArea(
  area: PreparedArea,
  geometry: Polygon | MultiPolygon,
  inside: InsideArea,
  featureAreaSquareMeters: number,
  toleranceSquareMeters: number = DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS,
): CoverageMeasure {
  if (inside === 'undecided') {
    const { coverage, insideAreaSquareMeters } = measureOverlapByClipping(area, geometry, { toleranceSquareMeters });
    return { coverage, insideAreaSquareMeters };
  }
  const measured = inside === 'all-inside' ? featureAreaSquareMeters : inside;
  if (measured <= toleranceSquareMeters) return { coverage: 'outside', insideAreaSquareMeters: 0 };
  if (featureAreaSquareMeters - measured <= toleranceSquareMeters) return { coverage: 'wholly', insideAreaSquareMeters: featureAreaSquareMeters };
  return { coverage: 'partly', insideAreaSquareMeters: Math.min(measured, featureAreaSquareMeters) };
}

/**
 * Measures the part of `geometry` inside the prepared container: the area-only overlay where the
 * feature comes near the container boundary, one point-in-polygon test per part elsewhere, and
 * `turf.intersect` ({@link measureOverlapByClipping}) where the overlay does not apply. A feature
 * lying inside and touching the boundary (along an edge or at a point) is `wholly` inside.
 * Empty or zero-area geometry is `outside` with area 0.
 */
export function measureOverlap(area: PreparedArea, geometry: Polygon | MultiPolygon, options: OverlapOptions = {}): Overlap {
  const tolerance = options.toleranceSquareMeters ?? DEFAULT_COVERAGE_TOLERANCE_SQUARE_METERS;
  const total = ellipsoidalAreaSquareMeters(geometry);
  const measure = coverageFromInsideArea(area, geometry, overlayInsideArea(area, geometry, geometryBoundingBox(geometry)), total, tolerance);
  return { ...measure, featureAreaSquareMeters: total };
}
