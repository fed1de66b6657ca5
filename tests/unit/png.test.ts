/** The e2e screenshot decoder, checked against PNGs written here with every row filter. */
import { deflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { countDifferentPixels, countNonBackgroundPixels, decodePng, dominantColor, type RgbaImage } from '../e2e/png';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Encodes raw 8-bit pixels, using filter `row % 5` on each row so all five filters are exercised. */
function encodePng(width: number, height: number, colorType: 0 | 2 | 4 | 6, pixels: Uint8Array): Buffer {
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  const stride = width * channels;
  const filtered = new Uint8Array(height * (stride + 1));
  for (let row = 0; row < height; row++) {
    const filter = row % 5;
    filtered[row * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const value = pixels[row * stride + i] ?? 0;
      const left = i >= channels ? (pixels[row * stride + i - channels] ?? 0) : 0;
      const up = row > 0 ? (pixels[(row - 1) * stride + i] ?? 0) : 0;
      const upLeft = row > 0 && i >= channels ? (pixels[(row - 1) * stride + i - channels] ?? 0) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
      filtered[row * (stride + 1) + 1 + i] = (value - predictor) & 0xff;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colorType, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filtered)),
    chunk('IEND', new Uint8Array()),
  ]);
}

function createRgbaPixels(width: number, height: number): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) pixels.set([(i * 37) & 0xff, (i * 91) & 0xff, (i * 13 + 7) & 0xff, 255 - (i & 0x3f)], i * 4);
  return pixels;
}

describe('decodePng', () => {
  test('decodes RGBA through every row filter', () => {
    const pixels = createRgbaPixels(13, 11);
    const image = decodePng(encodePng(13, 11, 6, pixels));
    expect([image.width, image.height]).toEqual([13, 11]);
    expect(Array.from(image.data)).toEqual(Array.from(pixels));
  });

  test('decodes RGB, greyscale and grey+alpha to RGBA', () => {
    const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    expect(Array.from(decodePng(encodePng(2, 2, 2, rgb)).data)).toEqual([10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255, 100, 110, 120, 255]);
    expect(Array.from(decodePng(encodePng(2, 1, 0, Uint8Array.from([5, 250]))).data)).toEqual([5, 5, 5, 255, 250, 250, 250, 255]);
    expect(Array.from(decodePng(encodePng(1, 1, 4, Uint8Array.from([9, 128]))).data)).toEqual([9, 9, 9, 128]);
  });

  test('rejects what it does not decode', () => {
    expect(() => decodePng(Buffer.from('not a png'))).toThrow(/not a PNG/);
  });
});

describe('pixel counts', () => {
  function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
    const data = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
    return { width, height, data };
  }

  test('counts differing pixels beyond the tolerance', () => {
    const a = solid(4, 4, [100, 100, 100, 255]);
    const b = solid(4, 4, [100, 100, 100, 255]);
    b.data.set([105, 100, 100, 255], 0);
    b.data.set([200, 100, 100, 255], 4);
    expect(countDifferentPixels(a, b)).toBe(1);
    expect(countDifferentPixels(a, b, 0)).toBe(2);
    expect(() => countDifferentPixels(a, solid(2, 2, [0, 0, 0, 255]))).toThrow(/sizes differ/);
  });

  test('finds the background and counts what is drawn on it', () => {
    const image = solid(10, 10, [240, 240, 230, 255]);
    for (let i = 0; i < 12; i++) image.data.set([200, 30, 30, 255], i * 4);
    expect(dominantColor(image)).toEqual([240, 240, 230, 255]);
    expect(countNonBackgroundPixels(image)).toBe(12);
    expect(countNonBackgroundPixels(image, { background: [200, 30, 30, 255] })).toBe(88);
  });
});
