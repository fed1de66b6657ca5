/**
 * Binary morphology with a square structuring element of (2r+1)×(2r+1) pixels (Serra, "Image
 * Analysis and Mathematical Morphology", 1982). The square is separable, so each operation is a
 * row pass and a column pass with running counts: O(pixels), whatever the radius. The mask is
 * extended beyond its edges by repeating its border pixels, so a patch cut by the edge of the
 * analysed area is neither eaten (opening) nor grown into the edge (closing) there.
 */
import type { BinaryMask } from './raster-image';

/** One pass along rows (`horizontal`) or columns: `all` = erosion (every neighbour set), otherwise dilation (any set). */
function pass(source: Uint8Array, width: number, height: number, radius: number, horizontal: boolean, all: boolean): Uint8Array {
  const target = new Uint8Array(source.length);
  const lines = horizontal ? height : width;
  const length = horizontal ? width : height;
  const stride = horizontal ? 1 : width;
  for (let line = 0; line < lines; line++) {
    const base = horizontal ? line * width : line;
    // Running count of set pixels in the window [position - radius, position + radius] ∩ [0, length).
    let count = 0;
    for (let position = 0; position < Math.min(radius, length); position++) count += source[base + position * stride] as number;
    for (let position = 0; position < length; position++) {
      const entering = position + radius;
      const leaving = position - radius - 1;
      if (entering < length) count += source[base + entering * stride] as number;
      if (leaving >= 0) count -= source[base + leaving * stride] as number;
      const windowSize = Math.min(length - 1, position + radius) - Math.max(0, position - radius) + 1;
      target[base + position * stride] = all ? (count === windowSize ? 1 : 0) : count > 0 ? 1 : 0;
    }
  }
  return target;
}

/** The operations on `mask` extended by `padding` pixels of replicated border, cropped back. */
function padded(mask: BinaryMask, padding: number, operations: (data: Uint8Array, width: number, height: number) => Uint8Array): BinaryMask {
  const { width, height } = mask;
  const paddedWidth = width + 2 * padding;
  const paddedHeight = height + 2 * padding;
  const source = new Uint8Array(paddedWidth * paddedHeight);
  for (let y = 0; y < paddedHeight; y++) {
    const sourceRow = Math.min(height - 1, Math.max(0, y - padding)) * width;
    for (let x = 0; x < paddedWidth; x++) source[y * paddedWidth + x] = mask.data[sourceRow + Math.min(width - 1, Math.max(0, x - padding))] as number;
  }
  const result = operations(source, paddedWidth, paddedHeight);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) data.set(result.subarray((y + padding) * paddedWidth + padding, (y + padding) * paddedWidth + padding + width), y * width);
  return { width, height, data };
}

function checkRadius(radius: number): void {
  if (!Number.isInteger(radius) || radius < 0) throw new RangeError(`morphology: radius must be a non-negative integer, got ${radius}`);
}

/** Erosion or dilation of raw data (the element is cut at the data's edges). */
function square(data: Uint8Array, width: number, height: number, radius: number, all: boolean): Uint8Array {
  if (radius === 0) return data.slice();
  return pass(pass(data, width, height, radius, true, all), width, height, radius, false, all);
}

/** Erosion: a pixel stays set when every pixel of the square around it is set. */
export function erode(mask: BinaryMask, radius: number): BinaryMask {
  checkRadius(radius);
  return padded(mask, radius, (data, width, height) => square(data, width, height, radius, true));
}

/** Dilation: a pixel becomes set when any pixel of the square around it is set. */
export function dilate(mask: BinaryMask, radius: number): BinaryMask {
  checkRadius(radius);
  return padded(mask, radius, (data, width, height) => square(data, width, height, radius, false));
}

/** Opening (erosion, then dilation): removes specks and lines thinner than 2r+1 pixels, keeps larger shapes. */
export function opening(mask: BinaryMask, radius: number): BinaryMask {
  checkRadius(radius);
  return padded(mask, 2 * radius, (data, width, height) => square(square(data, width, height, radius, true), width, height, radius, false));
}

/** Closing (dilation, then erosion): fills gaps and holes narrower than 2r+1 pixels, keeps outlines. */
export function closing(mask: BinaryMask, radius: number): BinaryMask {
  checkRadius(radius);
  return padded(mask, 2 * radius, (data, width, height) => square(square(data, width, height, radius, false), width, height, radius, true));
}
