/**
 * Reads a GeoTIFF in the browser (geotiff.js, no worker pool, no eval): the pixels as 8-bit RGBA
 * and the georeferencing — ModelTransformation, or ModelTiepoint + ModelPixelScale (PixelIsPoint
 * shifted by half a pixel to pixel edges) — with the EPSG code of its coordinate system when the
 * GeoKeys name one. 8-bit grey, RGB(A), palette and YCbCr images keep their values; 16-bit and
 * floating-point bands are stretched linearly between their 2nd and 98th percentiles. The GDAL
 * no-data value becomes transparent.
 */
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';
import type { GeoTransform } from '../domain/epochs-georeference';

export interface GeoTiffRaster {
  width: number;
  height: number;
  /** width × height × 4 bytes, row 0 first. */
  rgba: Uint8ClampedArray;
  transform: GeoTransform;
  /** EPSG code from the GeoKeys (projected first, then geographic), or null when none is named. */
  epsg: number | null;
}

export type GeoTiffResult = { ok: true; value: GeoTiffRaster } | { ok: false; error: string };

/** 40 megapixels: about 160 MB of RGBA, plus the decoded bands. */
export const MAXIMUM_GEOTIFF_PIXELS = 40_000_000;

const USER_DEFINED = 32767;

function transformOf(image: GeoTIFFImage): GeoTransform | null {
  const directory = image.getFileDirectory();
  const matrix = directory.getValue('ModelTransformation') as number[] | undefined;
  let transform: GeoTransform | null = null;
  if (matrix && matrix.length >= 8) {
    transform = [matrix[3]!, matrix[0]!, matrix[1]!, matrix[7]!, matrix[4]!, matrix[5]!];
  } else {
    const tiepoint = directory.getValue('ModelTiepoint') as number[] | undefined;
    const scale = directory.getValue('ModelPixelScale') as number[] | undefined;
    if (!tiepoint || tiepoint.length < 6 || !scale || scale.length < 2) return null;
    const [i, j, , x, y] = tiepoint as [number, number, number, number, number];
    const [scaleX, scaleY] = scale as [number, number];
    transform = [x - i * scaleX, scaleX, 0, y + j * scaleY, 0, -scaleY];
  }
  if (!image.pixelIsArea()) {
    // PixelIsPoint: the model coordinates name pixel centres; move to the outer corner.
    const [x0, a, b, y0, d, e] = transform;
    transform = [x0 - a / 2 - b / 2, a, b, y0 - d / 2 - e / 2, d, e];
  }
  return transform.every(Number.isFinite) ? transform : null;
}

function epsgOf(image: GeoTIFFImage): number | null {
  const keys = image.getGeoKeys() ?? {};
  const projected = keys['ProjectedCSTypeGeoKey'] as number | undefined;
  if (typeof projected === 'number' && projected !== USER_DEFINED) return projected;
  const geographic = keys['GeographicTypeGeoKey'] as number | undefined;
  if (typeof geographic === 'number' && geographic !== USER_DEFINED) return geographic;
  return null;
}

/** Linear 2–98 % stretch of one band to 0…255, skipping no-data. */
function stretchBand(band: ArrayLike<number>, noData: number | null): (value: number) => number {
  const sample: number[] = [];
  const step = Math.max(1, Math.floor(band.length / 200_000));
  for (let index = 0; index < band.length; index += step) {
    const value = band[index]!;
    if (Number.isFinite(value) && value !== noData) sample.push(value);
  }
  sample.sort((a, b) => a - b);
  const low = sample[Math.floor(sample.length * 0.02)] ?? 0;
  const high = sample[Math.min(sample.length - 1, Math.floor(sample.length * 0.98))] ?? 1;
  const span = high > low ? high - low : 1;
  return (value) => Math.round(((value - low) / span) * 255);
}

async function pixelsOf(image: GeoTIFFImage, noData: number | null): Promise<Uint8ClampedArray> {
  const width = image.getWidth();
  const height = image.getHeight();
  const count = width * height;
  const rgba = new Uint8ClampedArray(count * 4);
  const eightBit = image.getBitsPerSample(0) === 8 && image.getSampleFormat(0) === 1;
  const samples = image.getSamplesPerPixel();
  if (eightBit) {
    const rgb = (await image.readRGB({ interleave: true, enableAlpha: true })) as unknown as Uint8Array;
    const channels = rgb.length / count;
    for (let pixel = 0; pixel < count; pixel++) {
      const red = rgb[pixel * channels]!;
      const green = rgb[pixel * channels + 1]!;
      const blue = rgb[pixel * channels + 2]!;
      rgba[pixel * 4] = red;
      rgba[pixel * 4 + 1] = green;
      rgba[pixel * 4 + 2] = blue;
      const transparent = noData !== null && red === noData && green === noData && blue === noData;
      rgba[pixel * 4 + 3] = transparent ? 0 : channels === 4 ? rgb[pixel * channels + 3]! : 255;
    }
    return rgba;
  }
  const bandIndexes = samples >= 3 ? [0, 1, 2] : [0, 0, 0];
  const bands = (await image.readRasters({ samples: [...new Set(bandIndexes)] })) as unknown as ArrayLike<number>[];
  const byIndex = new Map([...new Set(bandIndexes)].map((band, position) => [band, bands[position]!]));
  const stretches = new Map([...byIndex].map(([band, values]) => [band, stretchBand(values, noData)]));
  for (let pixel = 0; pixel < count; pixel++) {
    let missing = false;
    bandIndexes.forEach((band, channel) => {
      const value = byIndex.get(band)![pixel]!;
      if (!Number.isFinite(value) || value === noData) missing = true;
      rgba[pixel * 4 + channel] = stretches.get(band)!(value);
    });
    rgba[pixel * 4 + 3] = missing ? 0 : 255;
  }
  return rgba;
}

/** Reads a GeoTIFF; `fileName` names it in errors. */
export async function readGeoTiff(bytes: ArrayBuffer, fileName: string): Promise<GeoTiffResult> {
  const fail = (rule: string): GeoTiffResult => ({ ok: false, error: `GeoTIFF ${fileName}：${rule}` });
  let image: GeoTIFFImage;
  try {
    const tiff = await fromArrayBuffer(bytes);
    image = await tiff.getImage();
  } catch (error) {
    return fail(`不是可读的 TIFF 文件（${error instanceof Error ? error.message : String(error)}）`);
  }
  const width = image.getWidth();
  const height = image.getHeight();
  if (width < 1 || height < 1) return fail('影像宽高为 0');
  if (width * height > MAXIMUM_GEOTIFF_PIXELS) return fail(`影像 ${width}×${height} 像素，超过上限 ${MAXIMUM_GEOTIFF_PIXELS / 1e6} 百万像素，请先裁切或降采样`);
  const transform = transformOf(image);
  if (!transform) return fail('没有地理参考（缺少 ModelTransformation，或 ModelTiepoint 与 ModelPixelScale），请附带世界文件或改用 PNG/JPEG 并输入范围');
  let rgba: Uint8ClampedArray;
  try {
    rgba = await pixelsOf(image, image.getGDALNoData());
  } catch (error) {
    return fail(`像素无法解码（${error instanceof Error ? error.message : String(error)}）`);
  }
  return { ok: true, value: { width, height, rgba, transform, epsg: epsgOf(image) } };
}
