import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { prepareEpochImage, type DecodedImage, type EpochImageFile, type ImageCodec } from './epoch-image-import-api';

function fixture(name: string): ArrayBuffer {
  const bytes = readFileSync(fileURLToPath(new URL(`../../tests/fixtures/imagery/${name}`, import.meta.url)));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

/** The pixels of gk-4549-ortho.png (see tests/fixtures/imagery/README.md): magenta, a cyan 20×20 square in the middle. */
function orthoPixels(): DecodedImage {
  const rgba = new Uint8ClampedArray(100 * 100 * 4);
  for (let row = 0; row < 100; row++) {
    for (let column = 0; column < 100; column++) {
      const middle = row >= 40 && row < 60 && column >= 40 && column < 60;
      rgba.set(middle ? [0, 255, 255, 255] : [255, 0, 255, 255], (row * 100 + column) * 4);
    }
  }
  return { width: 100, height: 100, rgba };
}

/** Node stand-in for the canvas: "decodes" a PNG signature to the fixture's pixels; "encodes" by keeping the raw RGBA. */
const encoded = new WeakMap<ArrayBuffer, DecodedImage>();
const codec: ImageCodec = {
  decode: async (bytes) => {
    if (new Uint8Array(bytes)[1] !== 0x50) throw new Error('not a PNG');
    return orthoPixels();
  },
  encodePng: async (image) => {
    const buffer = new ArrayBuffer(8);
    encoded.set(buffer, image);
    return buffer;
  },
};

const GK_4549 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const toLonLat = (x: number, y: number) => proj4(GK_4549, '+proj=longlat +ellps=GRS80 +no_defs', [x, y]) as [number, number];

function colourAt(image: DecodedImage, bounds: readonly number[], longitude: number, latitude: number): number[] {
  const column = Math.floor(((longitude - bounds[0]!) / (bounds[2]! - bounds[0]!)) * image.width);
  const row = Math.floor(((bounds[3]! - latitude) / (bounds[3]! - bounds[1]!)) * image.height);
  return Array.from(image.rgba.subarray((row * image.width + column) * 4, (row * image.width + column) * 4 + 4));
}

describe('prepareEpochImage', () => {
  it('warps a Gauss-Krüger GeoTIFF onto the lon/lat grid: each quadrant lands where proj4 puts it', async () => {
    const result = await prepareEpochImage({ kind: 'geotiff', fileName: 'gk-4549-quadrants.tif', bytes: fixture('gk-4549-quadrants.tif'), coordinateSystem: null }, codec);
    if (!result.ok) throw new Error(result.error);
    const prepared = result.value;
    expect(prepared.imageKind).toBe('png');
    expect(prepared.georeference).toMatchObject({ epsg: 4549, warped: true });
    expect(prepared.resolutionMetersPerPixel).toBeGreaterThan(4.8);
    expect(prepared.resolutionMetersPerPixel).toBeLessThan(5.2);
    const image = encoded.get(prepared.bytes)!;
    expect([image.width, image.height]).toEqual([prepared.widthPixels, prepared.heightPixels]);
    // Quadrant centres in GK metres (the fixture spans 545650–546050 E, 3044810–3045110 N).
    const quadrants: [number, number, number[]][] = [[545750, 3045035, [220, 30, 30, 255]], [545950, 3045035, [30, 200, 60, 255]], [545750, 3044885, [30, 60, 220, 255]], [545950, 3044885, [240, 220, 40, 255]]];
    for (const [x, y, colour] of quadrants) expect(colourAt(image, prepared.bounds, ...toLonLat(x, y))).toEqual(colour);
  });

  it('places a PNG by its world file in the chosen system', async () => {
    const input: EpochImageFile = {
      kind: 'picture', fileName: 'gk-4549-ortho.png', bytes: fixture('gk-4549-ortho.png'), mimeType: 'image/png', coordinateSystem: 4549,
      placement: { kind: 'worldFile', fileName: 'gk-4549-ortho.pgw', text: readFileSync(fileURLToPath(new URL('../../tests/fixtures/imagery/gk-4549-ortho.pgw', import.meta.url)), 'utf8') },
    };
    const result = await prepareEpochImage(input, codec);
    if (!result.ok) throw new Error(result.error);
    const image = encoded.get(result.value.bytes)!;
    expect(result.value.georeference.fileName).toBe('gk-4549-ortho.png + gk-4549-ortho.pgw');
    // The cyan square is the middle 40 m (545780–545820 E, 3044880–3044920 N); magenta around it.
    expect(colourAt(image, result.value.bounds, ...toLonLat(545800, 3044900))).toEqual([0, 255, 255, 255]);
    expect(colourAt(image, result.value.bounds, ...toLonLat(545720, 3044980))).toEqual([255, 0, 255, 255]);
  });

  it('keeps the bytes of a north-up picture placed by geographic bounds', async () => {
    const bytes = fixture('gk-4549-ortho.png');
    const result = await prepareEpochImage({ kind: 'picture', fileName: 'a.png', bytes, mimeType: 'image/png', coordinateSystem: 4490, placement: { kind: 'bounds', bounds: [120.46, 27.51, 120.47, 27.52] } }, codec);
    if (!result.ok) throw new Error(result.error);
    expect(result.value.bytes).toBe(bytes);
    expect(result.value.bounds).toEqual([120.46, 27.51, 120.47, 27.52]);
    expect(result.value.georeference.warped).toBe(false);
  });

  it('refuses wrong input with the file and the rule', async () => {
    const png = fixture('gk-4549-ortho.png');
    const refuse = async (input: EpochImageFile) => {
      const result = await prepareEpochImage(input, codec);
      return result.ok ? '' : result.error;
    };
    expect(await refuse({ kind: 'geotiff', fileName: 'no-georeference.tif', bytes: fixture('no-georeference.tif'), coordinateSystem: 4490 })).toContain('GeoTIFF no-georeference.tif：没有地理参考');
    expect(await refuse({ kind: 'picture', fileName: 'a.bmp', bytes: png, mimeType: 'image/bmp', coordinateSystem: 4490, placement: { kind: 'bounds', bounds: [1, 2, 3, 4] } })).toBe('文件 a.bmp：只支持 GeoTIFF、PNG 或 JPEG');
    expect(await refuse({ kind: 'picture', fileName: 'a.png', bytes: png, mimeType: 'image/png', coordinateSystem: 4490, placement: { kind: 'bounds', bounds: [120.47, 27.51, 120.46, 27.52] } })).toContain('图片 a.png：范围的西边须小于东边');
    // Gauss-Krüger metres entered as degrees: far outside China.
    expect(await refuse({ kind: 'picture', fileName: 'a.png', bytes: png, mimeType: 'image/png', coordinateSystem: 4326, placement: { kind: 'bounds', bounds: [545700, 3044800, 545900, 3045000] } })).toMatch(/a\.png：范围超出|不在中国境内/);
    expect(await refuse({ kind: 'picture', fileName: 'a.png', bytes: png, mimeType: 'image/png', coordinateSystem: 2000, placement: { kind: 'bounds', bounds: [1, 2, 3, 4] } })).toContain('a.png：坐标系 EPSG:2000 不受支持');
    expect(await refuse({ kind: 'picture', fileName: 'b.png', bytes: new TextEncoder().encode('xx').buffer as ArrayBuffer, mimeType: 'image/png', coordinateSystem: 4490, placement: { kind: 'bounds', bounds: [120.46, 27.51, 120.47, 27.52] } })).toContain('图片 b.png：无法解码');
  });
});
