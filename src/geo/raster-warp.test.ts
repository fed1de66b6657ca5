import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import type { GeoTransform } from '../domain/epochs-georeference';
import { imageProjection } from './raster-projection';
import { metersPerDegree, warpToLonLat, type GeoreferencedRaster } from './raster-warp';

/** A raster whose every pixel has its own colour (column in red+blue high bits, row in green), so a wrong pick shows. */
function codedRaster(width: number, height: number, transform: GeoTransform): GeoreferencedRaster {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const index = (row * width + column) * 4;
      rgba.set([column % 256, row % 256, Math.floor(column / 256) * 16 + Math.floor(row / 256), 255], index);
    }
  }
  return { width, height, rgba, transform };
}

const GK_4549 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

describe('warpToLonLat', () => {
  it('warps a Gauss-Krüger raster so each output pixel shows the source pixel under its centre (exact proj4 as oracle)', () => {
    const transform: GeoTransform = [545650, 2, 0, 3045110, 0, -2];
    const raster = codedRaster(300, 200, transform);
    const warped = warpToLonLat(raster, imageProjection(4549)!)!;
    expect(warped.warped).toBe(true);
    expect(warped.maximumErrorPixels).toBeLessThan(0.001);
    // The bounds hold the four corners converted independently.
    for (const [x, y] of [[545650, 3045110], [546250, 3045110], [545650, 3044710], [546250, 3044710]] as const) {
      const [longitude, latitude] = proj4(GK_4549, LONLAT, [x, y]) as [number, number];
      expect(longitude).toBeGreaterThanOrEqual(warped.bounds[0] - 1e-12);
      expect(longitude).toBeLessThanOrEqual(warped.bounds[2] + 1e-12);
      expect(latitude).toBeGreaterThanOrEqual(warped.bounds[1] - 1e-12);
      expect(latitude).toBeLessThanOrEqual(warped.bounds[3] + 1e-12);
    }
    // About the source's 2 m per pixel.
    expect(warped.resolutionMetersPerPixel).toBeGreaterThan(1.9);
    expect(warped.resolutionMetersPerPixel).toBeLessThan(2.1);
    let checked = 0;
    for (let row = 3; row < warped.height; row += 7) {
      for (let column = 3; column < warped.width; column += 11) {
        const longitude = warped.bounds[0] + ((column + 0.5) / warped.width) * (warped.bounds[2] - warped.bounds[0]);
        const latitude = warped.bounds[3] - ((row + 0.5) / warped.height) * (warped.bounds[3] - warped.bounds[1]);
        const [x, y] = proj4(LONLAT, GK_4549, [longitude, latitude]) as [number, number];
        const sourceColumn = (x - 545650) / 2;
        const sourceRow = (3045110 - y) / 2;
        const index = (row * warped.width + column) * 4;
        const inside = sourceColumn >= 0 && sourceRow >= 0 && sourceColumn < 300 && sourceRow < 200;
        const nearEdge = Math.abs(sourceColumn - Math.round(sourceColumn)) < 0.01 || Math.abs(sourceRow - Math.round(sourceRow)) < 0.01;
        if (nearEdge) continue;
        if (!inside) {
          expect(warped.rgba[index + 3]).toBe(0);
          continue;
        }
        expect([warped.rgba[index], warped.rgba[index + 1]]).toEqual([Math.floor(sourceColumn) % 256, Math.floor(sourceRow) % 256]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('warps Web Mercator too', () => {
    const [x, y] = proj4('EPSG:4326', 'EPSG:3857', [120.46, 27.52]) as [number, number];
    const warped = warpToLonLat(codedRaster(100, 100, [x, 3, 0, y, 0, -3]), imageProjection(3857)!)!;
    expect(warped.bounds[0]).toBeCloseTo(120.46, 9);
    expect(warped.bounds[3]).toBeCloseTo(27.52, 9);
    // A Mercator metre is 1/cos(φ) ground metres: 3 × cos 27.5° ≈ 2.66 m per pixel.
    expect(warped.resolutionMetersPerPixel).toBeCloseTo(3 * Math.cos((27.51 * Math.PI) / 180), 1);
  });

  it('keeps a geographic north-up raster as it is', () => {
    const raster = codedRaster(40, 30, [120.46, 0.0001, 0, 27.52, 0, -0.0001]);
    const result = warpToLonLat(raster, imageProjection(4490)!)!;
    expect(result.warped).toBe(false);
    expect(result.rgba).toBe(raster.rgba);
    expect(result.bounds.map((value) => Number(value.toFixed(9)))).toEqual([120.46, 27.517, 120.464, 27.52]);
    expect(result.resolutionMetersPerPixel).toBeCloseTo(0.0001 * metersPerDegree(27.5185).latitude, 6);
  });

  it('refuses a degenerate transform', () => {
    expect(warpToLonLat(codedRaster(2, 2, [0, 0, 0, 0, 0, 0]), imageProjection(4549)!)).toBeNull();
  });
});
