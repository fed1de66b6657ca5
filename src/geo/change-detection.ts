/**
 * Change detection between two co-registered epochs of the same area (two RGBA rasters on the same
 * grid): per-pixel difference → threshold → morphological clean-up → connected components →
 * polygons (变化图斑) with ellipsoidal area and a confidence; patches under a minimum area are
 * dropped.
 *
 * 1. Relative radiometric normalisation: each band of the later image is mapped linearly onto the
 *    earlier one through matched quantiles of the two bands, so a brighter or hazier acquisition
 *    doesn't light up everywhere.
 * 2. Difference: Euclidean distance of the RGB vectors (0…441).
 * 3. Threshold: pixels with a difference above `differenceThreshold` are changed.
 * 4. Clean-up: an opening removes specks and the one-pixel seams that sub-pixel misregistration
 *    leaves along every edge; a closing fills small gaps inside real changes.
 * 5. Connected components (4-connected), traced into polygons along pixel edges, simplified with
 *    Douglas–Peucker, mapped to longitude/latitude with the grid's bounds.
 * 6. Area on the CGCS2000 ellipsoid; confidence = share of the patch's pixels above the threshold
 *    before clean-up × how far their mean difference clears the threshold (saturating at twice it).
 *
 * Pure and synchronous: the worker runs it off the main thread.
 */
import type { Polygon, Position } from 'geojson';
import { polygonAreaSquareMeters } from './ellipsoidal-area';
import { labelComponents, type Component, type Labelling } from './raster-components';
import { simplifyPolygon, traceComponent, type PixelRing } from './raster-contours';
import { createMask, pixelToLonLat, type BinaryMask, type RasterGrid, type RgbaRaster } from './raster-image';
import { closing, opening } from './raster-morphology';

export interface ChangeDetectionOptions {
  /** RGB distance (0…441) above which a pixel counts as changed. */
  differenceThreshold: number;
  /** Radius in pixels of the square used to open (remove specks and seams). */
  openingRadiusPixels: number;
  /** Radius in pixels of the square used to close (fill gaps) after opening. */
  closingRadiusPixels: number;
  /** Patches smaller than this are dropped (m², ellipsoidal). */
  minimumAreaSquareMeters: number;
  /** Douglas–Peucker tolerance in pixels. */
  simplifyTolerancePixels: number;
  /** Holes smaller than this many pixels are filled. */
  minimumHolePixels: number;
  /** Match the later image's band statistics to the earlier image's before differencing. */
  normaliseRadiometry: boolean;
}

export const DEFAULT_CHANGE_DETECTION_OPTIONS: ChangeDetectionOptions = {
  differenceThreshold: 40,
  openingRadiusPixels: 1,
  closingRadiusPixels: 1,
  minimumAreaSquareMeters: 50,
  simplifyTolerancePixels: 1,
  minimumHolePixels: 16,
  normaliseRadiometry: true,
};

export interface DetectedChange {
  polygon: Polygon;
  /** Ellipsoidal area of the polygon. */
  areaSquareMeters: number;
  /** 0…1. */
  confidence: number;
  pixelCount: number;
  /** Mean RGB distance over the patch's pixels. */
  meanDifference: number;
}

export interface ChangeDetectionResult {
  changes: DetectedChange[];
  /** Pixels above the threshold before clean-up. */
  thresholdPixelCount: number;
  /** Components after clean-up, before the area filter. */
  componentCount: number;
  /** Components dropped for being under the minimum area. */
  droppedSmallCount: number;
}

const MATCHED_QUANTILES = [0.2, 0.35, 0.5, 0.65, 0.8];

/** The quantiles of one band (interpolated within histogram bins). */
function bandQuantiles(raster: RgbaRaster, band: number, quantiles: readonly number[]): number[] {
  const histogram = new Float64Array(256);
  for (let index = band; index < raster.data.length; index += 4) {
    const value = raster.data[index] as number;
    histogram[value] = (histogram[value] as number) + 1;
  }
  const total = raster.width * raster.height;
  return quantiles.map((quantile) => {
    const target = quantile * total;
    let cumulative = 0;
    for (let value = 0; value < 256; value++) {
      const count = histogram[value] as number;
      if (cumulative + count >= target && count > 0) return value - 0.5 + (target - cumulative) / count;
      cumulative += count;
    }
    return 255;
  });
}

/**
 * Per-band gain and offset that map `later` onto `earlier`: a least-squares line through matched
 * quantiles (20 … 80 %) of the two bands. Quantiles in the middle of the distribution are robust to
 * the changes themselves (a mean and standard deviation are not: a few bright new roofs on a
 * uniform ground would halve the gain). Gains are kept within 0.5…2.
 */
export function radiometricGains(earlier: RgbaRaster, later: RgbaRaster): { gain: number[]; offset: number[] } {
  const gain: number[] = [];
  const offset: number[] = [];
  for (let band = 0; band < 3; band++) {
    const targets = bandQuantiles(earlier, band, MATCHED_QUANTILES);
    const sources = bandQuantiles(later, band, MATCHED_QUANTILES);
    const meanSource = sources.reduce((sum, value) => sum + value, 0) / sources.length;
    const meanTarget = targets.reduce((sum, value) => sum + value, 0) / targets.length;
    let covariance = 0;
    let variance = 0;
    sources.forEach((source, index) => {
      covariance += (source - meanSource) * ((targets[index] as number) - meanTarget);
      variance += (source - meanSource) ** 2;
    });
    const bandGain = variance > 1e-6 ? Math.min(2, Math.max(0.5, covariance / variance)) : 1;
    gain.push(bandGain);
    offset.push(meanTarget - bandGain * meanSource);
  }
  return { gain, offset };
}

/** RGB distance per pixel after optional normalisation of `later`, as a Float32Array. */
export function differenceImage(earlier: RgbaRaster, later: RgbaRaster, normalise: boolean): Float32Array {
  if (earlier.width !== later.width || earlier.height !== later.height) {
    throw new RangeError(`differenceImage: rasters differ in size (${earlier.width}×${earlier.height} vs ${later.width}×${later.height})`);
  }
  const { gain, offset } = normalise ? radiometricGains(earlier, later) : { gain: [1, 1, 1], offset: [0, 0, 0] };
  const [gainR, gainG, gainB] = gain as [number, number, number];
  const [offsetR, offsetG, offsetB] = offset as [number, number, number];
  const pixels = earlier.width * earlier.height;
  const difference = new Float32Array(pixels);
  const a = earlier.data;
  const b = later.data;
  for (let pixel = 0, index = 0; pixel < pixels; pixel++, index += 4) {
    const red = (a[index] as number) - ((b[index] as number) * gainR + offsetR);
    const green = (a[index + 1] as number) - ((b[index + 1] as number) * gainG + offsetG);
    const blue = (a[index + 2] as number) - ((b[index + 2] as number) * gainB + offsetB);
    difference[pixel] = Math.sqrt(red * red + green * green + blue * blue);
  }
  return difference;
}

export function thresholdMask(difference: Float32Array, width: number, height: number, threshold: number): BinaryMask {
  const mask = createMask(width, height);
  for (let index = 0; index < difference.length; index++) mask.data[index] = (difference[index] as number) > threshold ? 1 : 0;
  return mask;
}

function toLonLatRing(grid: RasterGrid, ring: PixelRing): Position[] {
  // Outer pixel rings run clockwise as seen on a north-up map (holes counter-clockwise); RFC 7946
  // wants the opposite, so the order is reversed.
  const positions = ring.map(([x, y]) => pixelToLonLat(grid, x, y)).reverse();
  positions.push([...(positions[0] as Position)]);
  return positions;
}

function componentStatistics(labelling: Labelling, component: Component, difference: Float32Array, threshold: number): { meanDifference: number; support: number } {
  let sum = 0;
  let above = 0;
  for (let y = component.minY; y <= component.maxY; y++) {
    for (let x = component.minX; x <= component.maxX; x++) {
      const index = y * labelling.width + x;
      if (labelling.labels[index] !== component.label) continue;
      const value = difference[index] as number;
      sum += value;
      if (value > threshold) above++;
    }
  }
  return { meanDifference: sum / component.pixelCount, support: above / component.pixelCount };
}

/** Confidence of a patch from its pixel support and mean difference (see the file comment). */
export function patchConfidence(support: number, meanDifference: number, threshold: number): number {
  const contrast = Math.min(1, Math.max(0, meanDifference / (2 * threshold)));
  return Math.round(Math.min(1, Math.max(0, support * contrast)) * 1000) / 1000;
}

/**
 * Detects changes between `earlier` and `later`, two rasters on `grid`. Patches are ordered by
 * decreasing area. Throws a RangeError when the rasters don't match the grid.
 */
export function detectChanges(earlier: RgbaRaster, later: RgbaRaster, grid: RasterGrid, options: Partial<ChangeDetectionOptions> = {}): ChangeDetectionResult {
  const settings = { ...DEFAULT_CHANGE_DETECTION_OPTIONS, ...options };
  if (earlier.width !== grid.width || earlier.height !== grid.height) throw new RangeError('detectChanges: the rasters must have the size of the grid');
  const difference = differenceImage(earlier, later, settings.normaliseRadiometry);
  const raw = thresholdMask(difference, grid.width, grid.height, settings.differenceThreshold);
  const thresholdPixelCount = raw.data.reduce((sum, value) => sum + value, 0);
  const cleaned = closing(opening(raw, settings.openingRadiusPixels), settings.closingRadiusPixels);
  const labelling = labelComponents(cleaned);
  // Pixel area at the grid's centre latitude, only to skip tracing components far below the minimum.
  const centre = polygonAreaSquareMeters([[pixelToLonLat(grid, 0, grid.height / 2), pixelToLonLat(grid, 1, grid.height / 2), pixelToLonLat(grid, 1, grid.height / 2 + 1), pixelToLonLat(grid, 0, grid.height / 2 + 1), pixelToLonLat(grid, 0, grid.height / 2)]]);
  const changes: DetectedChange[] = [];
  let droppedSmallCount = 0;
  for (const component of labelling.components) {
    if (component.pixelCount * centre < settings.minimumAreaSquareMeters * 0.5) {
      droppedSmallCount++;
      continue;
    }
    const outline = simplifyPolygon(traceComponent(labelling, component, settings.minimumHolePixels), settings.simplifyTolerancePixels);
    const coordinates = [toLonLatRing(grid, outline.outer), ...outline.holes.map((hole) => toLonLatRing(grid, hole))];
    const areaSquareMeters = polygonAreaSquareMeters(coordinates);
    if (areaSquareMeters < settings.minimumAreaSquareMeters) {
      droppedSmallCount++;
      continue;
    }
    const { meanDifference, support } = componentStatistics(labelling, component, difference, settings.differenceThreshold);
    changes.push({
      polygon: { type: 'Polygon', coordinates },
      areaSquareMeters,
      confidence: patchConfidence(support, meanDifference, settings.differenceThreshold),
      pixelCount: component.pixelCount,
      meanDifference,
    });
  }
  changes.sort((a, b) => b.areaSquareMeters - a.areaSquareMeters);
  return { changes, thresholdPixelCount, componentCount: labelling.components.length, droppedSmallCount };
}
