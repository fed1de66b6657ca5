/**
 * A drawn area as a pixel mask on a raster grid: a pixel is inside when its centre is (even–odd
 * rule over every ring, so holes are outside), by scanline. Used to limit change detection to the
 * area a person drew: outside it the later image is made equal to the earlier one, so nothing
 * changes there and patches end at the area's edge.
 */
import type { Polygon } from 'geojson';
import { lonLatToPixel, createMask, type BinaryMask, type RasterGrid, type RgbaRaster } from './raster-image';

export function polygonMask(grid: RasterGrid, polygon: Polygon): BinaryMask {
  const mask = createMask(grid.width, grid.height);
  const rings = polygon.coordinates.map((ring) => ring.map(([longitude, latitude]) => lonLatToPixel(grid, longitude as number, latitude as number)));
  const crossings: number[] = [];
  for (let row = 0; row < grid.height; row++) {
    const y = row + 0.5;
    crossings.length = 0;
    for (const ring of rings) {
      for (let index = 0; index < ring.length - 1; index++) {
        const [x1, y1] = ring[index]!;
        const [x2, y2] = ring[index + 1]!;
        if ((y1 <= y && y2 > y) || (y2 <= y && y1 > y)) crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let index = 0; index + 1 < crossings.length; index += 2) {
      // Pixel centres column + 0.5 within [start, end).
      const first = Math.max(0, Math.ceil(crossings[index]! - 0.5));
      const last = Math.min(grid.width - 1, Math.ceil(crossings[index + 1]! - 0.5) - 1);
      if (last >= first) mask.data.fill(1, row * grid.width + first, row * grid.width + last + 1);
    }
  }
  return mask;
}

/** Copies the earlier raster's pixels into the later one wherever the mask is not set. */
export function keepOnlyInside(later: RgbaRaster, earlier: RgbaRaster, mask: BinaryMask): void {
  for (let pixel = 0; pixel < mask.data.length; pixel++) {
    if (mask.data[pixel]) continue;
    later.data[pixel * 4] = earlier.data[pixel * 4]!;
    later.data[pixel * 4 + 1] = earlier.data[pixel * 4 + 1]!;
    later.data[pixel * 4 + 2] = earlier.data[pixel * 4 + 2]!;
    later.data[pixel * 4 + 3] = earlier.data[pixel * 4 + 3]!;
  }
}
