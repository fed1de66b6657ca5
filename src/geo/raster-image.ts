/**
 * Rasters for change detection: RGBA images, binary masks and their georeferencing. A raster's
 * grid is north-up and linear in longitude and latitude over its bounds: pixel (column i, row j)
 * covers [west + i·Δλ, west + (i+1)·Δλ] × [north − (j+1)·Δφ, north − j·Δφ]; pixel corners have
 * integer coordinates, row 0 is the northern edge.
 */
import type { Position } from 'geojson';
import type { BoundingBox } from './bounding-box';

/** 8-bit RGBA pixels, row-major (`width * height * 4` bytes), as ImageData and PNG decoders give them. */
export interface RgbaRaster {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** One byte per pixel, 1 = set, row-major. */
export interface BinaryMask {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createMask(width: number, height: number): BinaryMask {
  return { width, height, data: new Uint8Array(width * height) };
}

/** The number of set pixels. */
export function countSet(mask: BinaryMask): number {
  let count = 0;
  for (let index = 0; index < mask.data.length; index++) count += mask.data[index] as number;
  return count;
}

/** A georeferenced grid: its size in pixels and the bounds it covers. */
export interface RasterGrid {
  width: number;
  height: number;
  bounds: BoundingBox;
}

/** Longitude/latitude of a pixel-corner position (fractional pixel coordinates allowed). */
export function pixelToLonLat(grid: RasterGrid, column: number, row: number): Position {
  const [west, south, east, north] = grid.bounds;
  return [west + (column / grid.width) * (east - west), north - (row / grid.height) * (north - south)];
}

/** Fractional pixel coordinates [column, row] of a longitude/latitude. */
export function lonLatToPixel(grid: RasterGrid, longitude: number, latitude: number): [number, number] {
  const [west, south, east, north] = grid.bounds;
  return [((longitude - west) / (east - west)) * grid.width, ((north - latitude) / (north - south)) * grid.height];
}

/** A rectangle of whole pixels of a grid, and the bounds it covers. */
export interface PixelWindow {
  x: number;
  y: number;
  width: number;
  height: number;
  bounds: BoundingBox;
}

/**
 * The whole pixels of `grid` that an area touches (the area is clipped to the grid), or null when
 * they don't overlap. The window's bounds are snapped to pixel edges, so its pixels are exactly
 * the grid's.
 */
export function pixelWindowOf(grid: RasterGrid, area: BoundingBox): PixelWindow | null {
  const [left, top] = lonLatToPixel(grid, area[0], area[3]);
  const [right, bottom] = lonLatToPixel(grid, area[2], area[1]);
  const x0 = Math.max(0, Math.floor(left + 1e-9));
  const y0 = Math.max(0, Math.floor(top + 1e-9));
  const x1 = Math.min(grid.width, Math.ceil(right - 1e-9));
  const y1 = Math.min(grid.height, Math.ceil(bottom - 1e-9));
  if (!(x1 > x0 && y1 > y0)) return null;
  const [west, north] = pixelToLonLat(grid, x0, y0) as [number, number];
  const [east, south] = pixelToLonLat(grid, x1, y1) as [number, number];
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0, bounds: [west, south, east, north] };
}

/** A copy of a rectangle of an RGBA raster (the rectangle must lie inside it). */
export function cropRaster(raster: RgbaRaster, window: { x: number; y: number; width: number; height: number }): RgbaRaster {
  if (window.x < 0 || window.y < 0 || window.x + window.width > raster.width || window.y + window.height > raster.height) {
    throw new RangeError(`cropRaster: window ${window.width}×${window.height}+${window.x}+${window.y} is outside the ${raster.width}×${raster.height} raster`);
  }
  const data = new Uint8ClampedArray(window.width * window.height * 4);
  for (let row = 0; row < window.height; row++) {
    const start = ((window.y + row) * raster.width + window.x) * 4;
    data.set(raster.data.subarray(start, start + window.width * 4), row * window.width * 4);
  }
  return { width: window.width, height: window.height, data };
}

/**
 * `area` of a raster on `grid`, resampled to `width`×`height` pixels by nearest neighbour (pixel
 * centres); pixels outside the raster are transparent black. With an area on the grid's pixel
 * edges at the grid's own resolution this is an exact crop.
 */
export function resampleNearest(raster: RgbaRaster, grid: RasterGrid, area: BoundingBox, width: number, height: number): RgbaRaster {
  const data = new Uint8ClampedArray(width * height * 4);
  const [west, south, east, north] = area;
  for (let row = 0; row < height; row++) {
    const latitude = north - ((row + 0.5) / height) * (north - south);
    const sourceRow = Math.floor(lonLatToPixel(grid, west, latitude)[1]);
    if (sourceRow < 0 || sourceRow >= raster.height) continue;
    for (let column = 0; column < width; column++) {
      const longitude = west + ((column + 0.5) / width) * (east - west);
      const sourceColumn = Math.floor(lonLatToPixel(grid, longitude, latitude)[0]);
      if (sourceColumn < 0 || sourceColumn >= raster.width) continue;
      const from = (sourceRow * raster.width + sourceColumn) * 4;
      data.set(raster.data.subarray(from, from + 4), (row * width + column) * 4);
    }
  }
  return { width, height, data };
}
