/**
 * The browser's image codec for epoch import: decoding with `createImageBitmap` (no colour
 * conversion, no premultiplication: the file's values) and PNG encoding through an OffscreenCanvas.
 * Works in a worker and on the main thread.
 */
import type { DecodedImage, ImageCodec } from './epoch-image-import-api';

function context2d(width: number, height: number): OffscreenCanvasRenderingContext2D {
  const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('浏览器不支持 OffscreenCanvas 2D');
  return context;
}

export function createCanvasImageCodec(): ImageCodec {
  return {
    async decode(bytes, mimeType): Promise<DecodedImage> {
      const bitmap = await createImageBitmap(new Blob([bytes], { type: mimeType }), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
      try {
        const context = context2d(bitmap.width, bitmap.height);
        context.drawImage(bitmap, 0, 0);
        const data = context.getImageData(0, 0, bitmap.width, bitmap.height);
        return { width: bitmap.width, height: bitmap.height, rgba: data.data };
      } finally {
        bitmap.close();
      }
    },
    async encodePng(image) {
      const context = context2d(image.width, image.height);
      context.putImageData(new ImageData(new Uint8ClampedArray(image.rgba), image.width, image.height), 0, 0);
      const blob = await (context.canvas as OffscreenCanvas).convertToBlob({ type: 'image/png' });
      return blob.arrayBuffer();
    },
  };
}
