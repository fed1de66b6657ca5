import { describe, expect, it } from 'vitest';
import { countSet, type RasterGrid } from './raster-image';
import { keepOnlyInside, polygonMask } from './raster-polygon-mask';

const GRID: RasterGrid = { width: 10, height: 10, bounds: [0, 0, 10, 10] };

describe('polygonMask', () => {
  it('sets the pixels whose centre is inside, with holes left out', () => {
    const square = { type: 'Polygon' as const, coordinates: [[[2, 2], [8, 2], [8, 8], [2, 8], [2, 2]], [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]] };
    const mask = polygonMask(GRID, square);
    expect(countSet(mask)).toBe(36 - 4);
    // Row 0 is north: lat 9.5 is outside, pixel (2, 2) (centre 2.5, 7.5) inside, (4, 4) in the hole.
    expect(mask.data[0]).toBe(0);
    expect(mask.data[2 * 10 + 2]).toBe(1);
    expect(mask.data[4 * 10 + 4]).toBe(0);
  });

  it('follows a triangle by pixel centres', () => {
    const triangle = { type: 'Polygon' as const, coordinates: [[[0, 0], [10, 0], [0, 10], [0, 0]]] };
    // Centres (i + 0.5, 9.5 − j) with x + y < 10: i + 0.5 + 9.5 − j < 10 ⇔ i < j.
    let expected = 0;
    for (let j = 0; j < 10; j++) for (let i = 0; i < 10; i++) if (i < j) expected++;
    expect(countSet(polygonMask(GRID, triangle))).toBe(expected);
  });

  it('keeps the later raster only inside', () => {
    const earlier = { width: 2, height: 1, data: new Uint8Array([1, 1, 1, 255, 2, 2, 2, 255]) };
    const later = { width: 2, height: 1, data: new Uint8Array([9, 9, 9, 255, 8, 8, 8, 255]) };
    keepOnlyInside(later, earlier, { width: 2, height: 1, data: new Uint8Array([1, 0]) });
    expect(Array.from(later.data)).toEqual([9, 9, 9, 255, 2, 2, 2, 255]);
  });
});
