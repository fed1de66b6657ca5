/**
 * The grid change detection works on for an area: the earlier epoch's own pixels over the part of
 * the area both epochs cover, or — when that would exceed a pixel budget — the same bounds at a
 * coarser resolution. The later epoch is resampled onto this grid.
 */
import type { BoundingBox } from './bounding-box';
import { pixelWindowOf, type RasterGrid } from './raster-image';

/** 16 megapixels: about 4 × 64 MB of working arrays in the worker. */
export const DEFAULT_MAXIMUM_ANALYSIS_PIXELS = 16_000_000;

export interface AnalysisGrid extends RasterGrid {
  /** Pixels of the earlier epoch per analysis pixel along each axis (1 = its own resolution). */
  reduction: number;
}

function intersect(a: BoundingBox, b: BoundingBox): BoundingBox | null {
  const box: BoundingBox = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  return box[0] < box[2] && box[1] < box[3] ? box : null;
}

/**
 * The analysis grid for `area`, or null when the area misses the part both epochs cover. Its
 * bounds are snapped to the earlier epoch's pixel edges.
 */
export function analysisGridFor(earlier: RasterGrid, later: RasterGrid, area: BoundingBox, maximumPixels = DEFAULT_MAXIMUM_ANALYSIS_PIXELS): AnalysisGrid | null {
  const common = intersect(earlier.bounds, later.bounds);
  const covered = common && intersect(common, area);
  if (!covered) return null;
  const window = pixelWindowOf(earlier, covered);
  if (!window) return null;
  const pixels = window.width * window.height;
  const reduction = pixels > maximumPixels ? Math.sqrt(pixels / maximumPixels) : 1;
  return {
    width: Math.max(1, Math.floor(window.width / reduction)),
    height: Math.max(1, Math.floor(window.height / reduction)),
    bounds: window.bounds,
    reduction,
  };
}
