/**
 * A minimal PNG decoder (8-bit, non-interlaced; greyscale, RGB, palette, grey+alpha, RGBA) and
 * pixel counters for screenshot assertions. Chromium screenshots are 8-bit RGB(A), so this is all
 * the tests need and it keeps the suite free of image dependencies.
 */
import { inflateSync } from 'node:zlib';

/** A decoded image: `data` holds `width * height` RGBA pixels, row-major. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS_BY_COLOR_TYPE: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

interface PngChunks {
  width: number;
  height: number;
  colorType: number;
  palette: Uint8Array | undefined;
  transparency: Uint8Array | undefined;
  compressed: Buffer;
}

function readChunks(png: Uint8Array): PngChunks {
  const buffer = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (!SIGNATURE.every((byte, index) => buffer[index] === byte)) throw new Error('decodePng: not a PNG');
  let offset = 8;
  let header: Buffer | undefined;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const dataParts: Buffer[] = [];
  while (offset + 8 <= buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = body;
    else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') transparency = body;
    else if (type === 'IDAT') dataParts.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (header === undefined) throw new Error('decodePng: no IHDR chunk');
  const bitDepth = header[8];
  const interlace = header[12];
  if (bitDepth !== 8) throw new Error(`decodePng: bit depth ${bitDepth} is not supported`);
  if (interlace !== 0) throw new Error('decodePng: interlaced PNGs are not supported');
  return {
    width: header.readUInt32BE(0),
    height: header.readUInt32BE(4),
    colorType: header[9] ?? -1,
    palette,
    transparency,
    compressed: Buffer.concat(dataParts),
  };
}

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** Reverses the per-row filters (PNG spec §9) into raw scanlines. */
function unfilter(inflated: Uint8Array, height: number, stride: number, bytesPerPixel: number): Uint8Array {
  const raw = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = inflated[row * (stride + 1)];
    const source = row * (stride + 1) + 1;
    const target = row * stride;
    for (let i = 0; i < stride; i++) {
      const value = inflated[source + i] ?? 0;
      const left = i >= bytesPerPixel ? (raw[target + i - bytesPerPixel] ?? 0) : 0;
      const up = row > 0 ? (raw[target - stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= bytesPerPixel ? (raw[target - stride + i - bytesPerPixel] ?? 0) : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: predictor = paeth(left, up, upLeft); break;
        default: throw new Error(`decodePng: unknown filter ${String(filter)} in row ${row}`);
      }
      raw[target + i] = (value + predictor) & 0xff;
    }
  }
  return raw;
}

/** Decodes a PNG (e.g. a Playwright screenshot buffer) to RGBA pixels. */
export function decodePng(png: Uint8Array): RgbaImage {
  const { width, height, colorType, palette, transparency, compressed } = readChunks(png);
  const channels = CHANNELS_BY_COLOR_TYPE[colorType];
  if (channels === undefined) throw new Error(`decodePng: colour type ${colorType} is not supported`);
  const stride = width * channels;
  const raw = unfilter(inflateSync(compressed), height, stride, channels);
  const data = new Uint8Array(width * height * 4);
  for (let pixel = 0; pixel < width * height; pixel++) {
    const s = pixel * channels;
    const t = pixel * 4;
    const a = raw[s] ?? 0;
    switch (colorType) {
      case 0: data.set([a, a, a, 255], t); break;
      case 2: data.set([a, raw[s + 1] ?? 0, raw[s + 2] ?? 0, 255], t); break;
      case 3: {
        if (palette === undefined) throw new Error('decodePng: palette image without PLTE');
        data.set([palette[a * 3] ?? 0, palette[a * 3 + 1] ?? 0, palette[a * 3 + 2] ?? 0, transparency?.[a] ?? 255], t);
        break;
      }
      case 4: data.set([a, a, a, raw[s + 1] ?? 0], t); break;
      default: data.set([a, raw[s + 1] ?? 0, raw[s + 2] ?? 0, raw[s + 3] ?? 0], t);
    }
  }
  return { width, height, data };
}

function pixelsDiffer(a: Uint8Array, b: Uint8Array, offsetA: number, offsetB: number, tolerance: number): boolean {
  for (let channel = 0; channel < 4; channel++) {
    if (Math.abs((a[offsetA + channel] ?? 0) - (b[offsetB + channel] ?? 0)) > tolerance) return true;
  }
  return false;
}

/**
 * How many pixels differ between two screenshots of the same element by more than `tolerance`
 * (0–255) in any channel. The images must have the same size.
 */
export function countDifferentPixels(first: Uint8Array | RgbaImage, second: Uint8Array | RgbaImage, tolerance = 8): number {
  const a = first instanceof Uint8Array ? decodePng(first) : first;
  const b = second instanceof Uint8Array ? decodePng(second) : second;
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`countDifferentPixels: sizes differ (${a.width}×${a.height} vs ${b.width}×${b.height})`);
  }
  let count = 0;
  for (let offset = 0; offset < a.data.length; offset += 4) {
    if (pixelsDiffer(a.data, b.data, offset, offset, tolerance)) count++;
  }
  return count;
}

/** The most frequent colour of an image as [r, g, b, a] — the background of a map screenshot. */
export function dominantColor(image: RgbaImage): [number, number, number, number] {
  const counts = new Map<number, number>();
  let best = 0;
  let bestCount = -1;
  const view = new DataView(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const key = view.getUint32(offset);
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    if (count > bestCount) {
      bestCount = count;
      best = key;
    }
  }
  return [(best >>> 24) & 0xff, (best >>> 16) & 0xff, (best >>> 8) & 0xff, best & 0xff];
}

/**
 * How many pixels differ from the background (the dominant colour unless given) by more than
 * `tolerance` in any channel: "the map shows something".
 */
export function countNonBackgroundPixels(
  png: Uint8Array | RgbaImage,
  options: { background?: readonly [number, number, number, number]; tolerance?: number } = {},
): number {
  const image = png instanceof Uint8Array ? decodePng(png) : png;
  const background = Uint8Array.from(options.background ?? dominantColor(image));
  const tolerance = options.tolerance ?? 8;
  let count = 0;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    if (pixelsDiffer(image.data, background, offset, 0, tolerance)) count++;
  }
  return count;
}
