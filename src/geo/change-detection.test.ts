import { describe, expect, it } from 'vitest';
import { detectChanges, differenceImage, patchConfidence } from './change-detection';
import { CGCS2000_FLATTENING, CGCS2000_SEMI_MAJOR_AXIS_METERS, ringSignedAreaSquareMeters } from './ellipsoidal-area';
import type { RasterGrid, RgbaRaster } from './raster-image';

const LATITUDE = 27.5;

/** A grid of `size`×`size` pixels of 1 m × 1 m at 27.5°N (radii of curvature of the GRS80 ellipsoid). */
function createMetreGrid(size: number): RasterGrid {
  const e2 = CGCS2000_FLATTENING * (2 - CGCS2000_FLATTENING);
  const phi = (LATITUDE * Math.PI) / 180;
  const w = Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const metresPerDegreeLongitude = ((Math.PI / 180) * CGCS2000_SEMI_MAJOR_AXIS_METERS * Math.cos(phi)) / w;
  const metresPerDegreeLatitude = ((Math.PI / 180) * CGCS2000_SEMI_MAJOR_AXIS_METERS * (1 - e2)) / w ** 3;
  const west = 120.4;
  const south = LATITUDE - size / 2 / metresPerDegreeLatitude;
  return { width: size, height: size, bounds: [west, south, west + size / metresPerDegreeLongitude, south + size / metresPerDegreeLatitude] };
}

/** A textured ground: a smooth deterministic pattern of greens and browns, no two neighbours far apart. */
function createGround(size: number): RgbaRaster {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const index = (y * size + x) * 4;
      const wave = Math.sin(x / 7) * 6 + Math.cos(y / 5) * 5 + ((x * 7 + y * 13) % 5);
      data[index] = 100 + wave;
      data[index + 1] = 128 + wave * 0.8;
      data[index + 2] = 80 + wave * 0.5;
      data[index + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

function paint(raster: RgbaRaster, x0: number, y0: number, width: number, height: number, colour: [number, number, number]): void {
  for (let y = y0; y < y0 + height; y++) {
    for (let x = x0; x < x0 + width; x++) raster.data.set([...colour, 255], (y * raster.width + x) * 4);
  }
}

function brighten(raster: RgbaRaster, gain: number, offset: number): RgbaRaster {
  const data = new Uint8ClampedArray(raster.data.length);
  for (let index = 0; index < data.length; index++) data[index] = index % 4 === 3 ? 255 : (raster.data[index] as number) * gain + offset;
  return { width: raster.width, height: raster.height, data };
}

const ROOF: [number, number, number] = [190, 70, 55];

describe('detectChanges on a 64×64 image with two planted squares', () => {
  const grid = createMetreGrid(64);
  const earlier = createGround(64);
  const later = brighten(createGround(64), 1.05, 6);
  paint(later, 8, 10, 12, 12, ROOF); // 144 m²
  paint(later, 40, 36, 9, 9, [80, 110, 190]); // 81 m²
  paint(later, 30, 0, 1, 64, [250, 250, 250]); // a one-pixel seam (misregistration along an edge)
  paint(later, 55, 5, 2, 2, [20, 20, 20]); // a speck

  it('finds exactly the two squares, with their areas and square outlines', () => {
    const result = detectChanges(earlier, later, grid);
    expect(result.changes).toHaveLength(2);
    const [large, small] = result.changes;
    expect(large?.areaSquareMeters).toBeCloseTo(144, 0);
    expect(small?.areaSquareMeters).toBeCloseTo(81, 0);
    expect(large?.pixelCount).toBe(144);
    expect(small?.pixelCount).toBe(81);
    // Four corners (closed ring of five positions), counter-clockwise as RFC 7946 asks.
    for (const change of result.changes) {
      const ring = change.polygon.coordinates[0]!;
      expect(ring).toHaveLength(5);
      expect(ring[0]).toEqual(ring[4]);
      expect(ringSignedAreaSquareMeters(ring)).toBeGreaterThan(0);
      expect(change.polygon.coordinates).toHaveLength(1);
      expect(change.confidence).toBeGreaterThan(0.9);
    }
  });

  it('puts the polygon where the square is on the ground', () => {
    const [large] = detectChanges(earlier, later, grid).changes;
    const ring = large!.polygon.coordinates[0]!;
    const longitudes = ring.map((position) => position[0]!);
    const latitudes = ring.map((position) => position[1]!);
    const [west, south, east, north] = grid.bounds;
    const columnOf = (longitude: number) => ((longitude - west) / (east - west)) * 64;
    const rowOf = (latitude: number) => ((north - latitude) / (north - south)) * 64;
    expect(columnOf(Math.min(...longitudes))).toBeCloseTo(8, 6);
    expect(columnOf(Math.max(...longitudes))).toBeCloseTo(20, 6);
    expect(rowOf(Math.max(...latitudes))).toBeCloseTo(10, 6);
    expect(rowOf(Math.min(...latitudes))).toBeCloseTo(22, 6);
  });

  it('drops patches under the minimum area and keeps them when the minimum is lowered', () => {
    const withSmall = brighten(createGround(64), 1, 0);
    paint(withSmall, 10, 10, 6, 6, ROOF); // 36 m²
    expect(detectChanges(earlier, withSmall, grid).changes).toHaveLength(0);
    const lowered = detectChanges(earlier, withSmall, grid, { minimumAreaSquareMeters: 30 });
    expect(lowered.changes).toHaveLength(1);
    expect(lowered.changes[0]?.areaSquareMeters).toBeCloseTo(36, 0);
    expect(detectChanges(earlier, withSmall, grid).droppedSmallCount).toBe(1);
  });

  it('finds nothing between an image and a brighter copy of itself', () => {
    const result = detectChanges(earlier, brighten(earlier, 1.1, 8), grid);
    expect(result.changes).toEqual([]);
  });

  it('keeps a courtyard as a hole and subtracts it from the area', () => {
    const withCourtyard = createGround(64);
    paint(withCourtyard, 10, 10, 20, 20, ROOF);
    paint(withCourtyard, 16, 16, 8, 8, [100, 128, 80]);
    const [building] = detectChanges(createGround(64), withCourtyard, grid).changes;
    expect(building?.polygon.coordinates).toHaveLength(2);
    expect(building?.areaSquareMeters).toBeCloseTo(400 - 64, 0);
    expect(ringSignedAreaSquareMeters(building!.polygon.coordinates[1]!)).toBeLessThan(0);
  });

  it('finds a disappeared building as well as an appeared one', () => {
    const before = createGround(64);
    paint(before, 30, 30, 15, 10, ROOF);
    const result = detectChanges(before, createGround(64), grid);
    expect(result.changes.map((change) => Math.round(change.areaSquareMeters))).toEqual([150]);
  });

  it('refuses rasters that do not match', () => {
    expect(() => differenceImage(createGround(64), createGround(32), true)).toThrow(RangeError);
  });
});

describe('patchConfidence', () => {
  it('is the pixel support scaled by the contrast, saturating at twice the threshold', () => {
    expect(patchConfidence(1, 100, 40)).toBe(1);
    expect(patchConfidence(0.5, 100, 40)).toBe(0.5);
    expect(patchConfidence(1, 40, 40)).toBe(0.5);
    expect(patchConfidence(0, 0, 40)).toBe(0);
  });
});
