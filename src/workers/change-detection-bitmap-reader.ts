/**
 * The browser's {@link RasterReader}: images decoded once with `createImageBitmap` (no colour
 * conversion, no premultiplication, so pixel values are the file's), read through an
 * OffscreenCanvas. At an epoch's own resolution the canvas copies pixels without smoothing (an
 * exact crop); resampled reads smooth (bilinear).
 */
import type { BoundingBox } from '../geo/bounding-box';
import { lonLatToPixel, type RasterGrid, type RgbaRaster } from '../geo/raster-image';
import type { RasterReader } from './change-detection-api';

export function createBitmapRasterReader(): RasterReader {
  const bitmaps = new Map<string, ImageBitmap>();
  return {
    async load(epochId, bytes, mimeType) {
      const bitmap = await createImageBitmap(new Blob([bytes], { type: mimeType }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      bitmaps.get(epochId)?.close();
      bitmaps.set(epochId, bitmap);
    },
    has: (epochId) => bitmaps.has(epochId),
    async read(epochId: string, grid: RasterGrid, area: BoundingBox, width: number, height: number): Promise<RgbaRaster> {
      const bitmap = bitmaps.get(epochId);
      if (!bitmap) throw new Error(`时相 ${epochId} 的影像尚未载入`);
      const [left, top] = lonLatToPixel(grid, area[0], area[3]);
      const [right, bottom] = lonLatToPixel(grid, area[2], area[1]);
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('浏览器不支持 OffscreenCanvas 2D');
      const native = Math.abs(right - left - width) < 1e-6 && Math.abs(bottom - top - height) < 1e-6;
      context.imageSmoothingEnabled = !native;
      // The image's own pixels may not match its record (a wrong size): scale from the record's grid.
      const scaleX = bitmap.width / grid.width;
      const scaleY = bitmap.height / grid.height;
      context.drawImage(bitmap, left * scaleX, top * scaleY, (right - left) * scaleX, (bottom - top) * scaleY, 0, 0, width, height);
      const image = context.getImageData(0, 0, width, height);
      return { width, height, data: image.data };
    },
  };
}
