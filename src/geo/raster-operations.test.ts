import { describe, expect, it } from 'vitest';
import { labelComponents } from './raster-components';
import { pixelRingArea, polygonEdgesCross, simplifyPolygon, simplifyRing, traceComponent, type PixelRing } from './raster-contours';
import { countSet, cropRaster, pixelToLonLat, pixelWindowOf, type BinaryMask } from './raster-image';
import { closing, dilate, erode, opening } from './raster-morphology';

/** A mask from rows of text: '#' set, anything else clear. */
function maskOf(rows: string[]): BinaryMask {
  const width = rows[0]!.length;
  const data = new Uint8Array(width * rows.length);
  rows.forEach((row, y) => [...row].forEach((character, x) => { data[y * width + x] = character === '#' ? 1 : 0; }));
  return { width, height: rows.length, data };
}

function rowsOf(mask: BinaryMask): string[] {
  return Array.from({ length: mask.height }, (_, y) => Array.from(mask.data.subarray(y * mask.width, (y + 1) * mask.width), (value) => (value ? '#' : '.')).join(''));
}

describe('morphology', () => {
  const scene = maskOf([
    '..........',
    '.#####..#.',
    '.#####....',
    '.#####....',
    '.#####....',
    '.#####....',
    '..........',
    '##########',
    '..........',
  ]);

  it('opening removes a speck and a one-pixel line and keeps the square', () => {
    expect(rowsOf(opening(scene, 1))).toEqual([
      '..........', '.#####....', '.#####....', '.#####....', '.#####....', '.#####....', '..........', '..........', '..........',
    ]);
  });

  it('closing fills a one-pixel gap and keeps the outline', () => {
    const gap = maskOf(['......', '.##.#.', '.##.#.', '.##.#.', '......']);
    expect(rowsOf(closing(gap, 1))).toEqual(['......', '.####.', '.####.', '.####.', '......']);
  });

  it('erosion and dilation ignore pixels outside the mask', () => {
    const full = maskOf(['###', '###']);
    expect(countSet(erode(full, 1))).toBe(6);
    expect(countSet(dilate(maskOf(['#..', '...']), 1))).toBe(4);
  });
});

describe('labelComponents', () => {
  it('labels 4-connected components: diagonal neighbours are separate', () => {
    const labelling = labelComponents(maskOf(['#.#', '.#.', '##.']));
    expect(labelling.components.map((component) => component.pixelCount)).toEqual([1, 1, 3]);
    expect(labelling.components[2]).toMatchObject({ minX: 0, minY: 1, maxX: 1, maxY: 2 });
  });

  it('handles a component of every pixel', () => {
    const size = 300;
    const labelling = labelComponents({ width: size, height: size, data: new Uint8Array(size * size).fill(1) });
    expect(labelling.components).toHaveLength(1);
    expect(labelling.components[0]?.pixelCount).toBe(size * size);
  });
});

function outlineOf(rows: string[], minimumHolePixels = 1) {
  const labelling = labelComponents(maskOf(rows));
  return traceComponent(labelling, labelling.components[0]!, minimumHolePixels);
}

describe('traceComponent', () => {
  it('traces a rectangle as its four corners, clockwise on screen', () => {
    const outline = outlineOf(['....', '.##.', '.##.', '.##.', '....']);
    expect(outline.outer).toEqual([[1, 1], [3, 1], [3, 4], [1, 4]]);
    expect(pixelRingArea(outline.outer)).toBe(6);
    expect(outline.holes).toEqual([]);
  });

  it('traces an L shape with six corners', () => {
    const outline = outlineOf(['#..', '#..', '###']);
    expect(outline.outer).toHaveLength(6);
    expect(pixelRingArea(outline.outer)).toBe(5);
  });

  it('traces a hole counter-clockwise and fills holes under the minimum', () => {
    const rows = ['#####', '#...#', '#...#', '#...#', '#####'];
    const outline = outlineOf(rows);
    expect(outline.holes).toHaveLength(1);
    expect(pixelRingArea(outline.holes[0]!)).toBe(-9);
    expect(outlineOf(rows, 10).holes).toEqual([]);
  });

  it('splits a ring pinched at a corner into an outer ring and a hole that share one vertex, without crossings', () => {
    const outline = outlineOf([
      '####.',
      '#..#.',
      '#...#',
      '#####',
    ]);
    expect(pixelRingArea(outline.outer)).toBeGreaterThan(0);
    expect(outline.holes).toHaveLength(1);
    const shared = outline.outer.filter(([x, y]) => outline.holes[0]!.some(([hx, hy]) => hx === x && hy === y));
    expect(shared).toEqual([[4, 2]]);
    expect(polygonEdgesCross(outline)).toBe(false);
  });
});

describe('simplification', () => {
  it('straightens the staircase of a diagonal edge within the tolerance', () => {
    const staircase: PixelRing = [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [3, 2], [3, 3], [4, 3], [4, 4], [0, 4]];
    const simplified = simplifyRing(staircase, 1);
    expect(simplified.length).toBeLessThan(staircase.length);
    expect(Math.abs(pixelRingArea(simplified))).toBeGreaterThan(6);
  });

  it('keeps a polygon whose simplification would make rings cross', () => {
    const outline = outlineOf(['#######', '#.....#', '#.###.#', '#.#.#.#', '#.###.#', '#.....#', '#######']);
    const simplified = simplifyPolygon(outline, 1);
    expect(polygonEdgesCross(simplified)).toBe(false);
  });
});

describe('pixel windows', () => {
  const grid = { width: 100, height: 50, bounds: [120, 27, 121, 27.5] as [number, number, number, number] };

  it('maps pixel corners to lon/lat with row 0 at the north', () => {
    expect(pixelToLonLat(grid, 0, 0)).toEqual([120, 27.5]);
    expect(pixelToLonLat(grid, 100, 50)).toEqual([121, 27]);
  });

  it('covers an area with whole pixels, clipped to the grid, snapped to pixel edges', () => {
    const window = pixelWindowOf(grid, [120.105, 26, 120.2, 27.4]);
    expect(window).toMatchObject({ x: 10, y: 10, width: 10, height: 40 });
    expect(window?.bounds[0]).toBeCloseTo(120.1, 9);
    expect(window?.bounds[1]).toBeCloseTo(27, 9);
    expect(pixelWindowOf(grid, [122, 27, 123, 28])).toBeNull();
  });

  it('crops a raster', () => {
    const data = new Uint8Array(4 * 3 * 4).map((_, index) => index);
    const cropped = cropRaster({ width: 4, height: 3, data }, { x: 1, y: 1, width: 2, height: 2 });
    expect(Array.from(cropped.data.subarray(0, 4))).toEqual([20, 21, 22, 23]);
    expect(() => cropRaster({ width: 4, height: 3, data }, { x: 3, y: 0, width: 2, height: 1 })).toThrow(RangeError);
  });
});
