import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyGeoTransform } from '../domain/epochs-georeference';
import { readGeoTiff } from './geotiff-reader';

function fixture(name: string): ArrayBuffer {
  const bytes = readFileSync(fileURLToPath(new URL(`../../tests/fixtures/imagery/${name}`, import.meta.url)));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

function pixel(rgba: Uint8ClampedArray, width: number, column: number, row: number): number[] {
  return Array.from(rgba.subarray((row * width + column) * 4, (row * width + column) * 4 + 4));
}

describe('readGeoTiff', () => {
  it('reads a Gauss-Krüger RGB GeoTIFF: pixels, tiepoint + pixel scale, EPSG code', async () => {
    const result = await readGeoTiff(fixture('gk-4549-quadrants.tif'), 'gk-4549-quadrants.tif');
    if (!result.ok) throw new Error(result.error);
    const { width, height, rgba, transform, epsg } = result.value;
    expect([width, height, epsg]).toEqual([80, 60, 4549]);
    // gdal_translate -a_ullr 545650 3045110 546050 3044810: the outer corners.
    expect(applyGeoTransform(transform, 0, 0)).toEqual([545650, 3045110]);
    expect(applyGeoTransform(transform, 80, 60)).toEqual([546050, 3044810]);
    expect(pixel(rgba, width, 0, 0)).toEqual([220, 30, 30, 255]);
    expect(pixel(rgba, width, 79, 0)).toEqual([30, 200, 60, 255]);
    expect(pixel(rgba, width, 0, 59)).toEqual([30, 60, 220, 255]);
    expect(pixel(rgba, width, 79, 59)).toEqual([240, 220, 40, 255]);
  });

  it('stretches a 16-bit band to grey and makes no-data transparent', async () => {
    const result = await readGeoTiff(fixture('cgcs2000-4490-uint16.tif'), 'g.tif');
    if (!result.ok) throw new Error(result.error);
    const { width, rgba, transform, epsg } = result.value;
    expect(epsg).toBe(4490);
    expect(applyGeoTransform(transform, 0, 0).map((value) => Number(value.toFixed(9)))).toEqual([120.46, 27.52]);
    const first = pixel(rgba, width, 0, 0);
    const later = pixel(rgba, width, 20, 20);
    expect(first[0]).toBe(first[1]);
    expect(later[0]!).toBeGreaterThan(first[0]!);
    expect(first[3]).toBe(255);
    expect(pixel(rgba, width, 5, 29)[3]).toBe(0);
  });

  it('refuses a TIFF without georeferencing and a file that is no TIFF, naming the file', async () => {
    const plain = await readGeoTiff(fixture('no-georeference.tif'), 'no-georeference.tif');
    expect(plain).toMatchObject({ ok: false, error: expect.stringMatching(/^GeoTIFF no-georeference\.tif：没有地理参考/) });
    const garbage = await readGeoTiff(new TextEncoder().encode('not a tiff at all').buffer as ArrayBuffer, 'x.tif');
    expect(garbage).toMatchObject({ ok: false, error: expect.stringContaining('GeoTIFF x.tif：不是可读的 TIFF 文件') });
  });
});
