/**
 * Turns an image file staff add as an epoch into what the app stores: image bytes on the epochs'
 * grid (north-up, linear in longitude and latitude) with its bounds and ground resolution. A
 * GeoTIFF is read with its own georeferencing (the chosen coordinate system only fills in when the
 * file names none); a PNG/JPEG is placed by entered bounds or a world file in the chosen system.
 * Geographic north-up pictures keep their bytes; everything else is warped (geo/raster-warp) and
 * stored as PNG. Image decoding and encoding come from a codec (the browser's canvas in the worker,
 * a stand-in in tests). Failures are plain data, in Chinese, naming the file and the rule.
 */
import { isSupportedImageCoordinateSystem, type GeoTransform } from '../domain/epochs-georeference';
import type { EpochGeoreference, LocalImageKind, LonLatBounds } from '../domain/epochs';
import { imageProjection } from '../geo/raster-projection';
import { warpToLonLat } from '../geo/raster-warp';
import { readGeoTiff, MAXIMUM_GEOTIFF_PIXELS } from '../io/geotiff-reader';
import { parseWorldFile } from '../io/world-file';

/** Where a picture lies: bounds [minX, minY, maxX, maxY] in its system, or a world file. */
export type PicturePlacement = { kind: 'bounds'; bounds: [number, number, number, number] } | { kind: 'worldFile'; fileName: string; text: string };

export type EpochImageFile =
  | { kind: 'geotiff'; fileName: string; bytes: ArrayBuffer; coordinateSystem: number | null }
  | { kind: 'picture'; fileName: string; bytes: ArrayBuffer; mimeType: string; coordinateSystem: number; placement: PicturePlacement };

export interface PreparedEpochImage {
  bytes: ArrayBuffer;
  mimeType: string;
  imageKind: LocalImageKind;
  widthPixels: number;
  heightPixels: number;
  bounds: LonLatBounds;
  resolutionMetersPerPixel: number;
  georeference: EpochGeoreference;
}

export type PreparedEpochImageResult = { ok: true; value: PreparedEpochImage } | { ok: false; error: string };

export interface DecodedImage {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export interface ImageCodec {
  decode(bytes: ArrayBuffer, mimeType: string): Promise<DecodedImage>;
  encodePng(image: DecodedImage): Promise<ArrayBuffer>;
}

const CHINA = { west: 73, east: 136, south: 3, north: 54 };

function pictureKind(fileName: string, mimeType: string): LocalImageKind | null {
  const extension = fileName.toLowerCase().split('.').pop() ?? '';
  if (mimeType === 'image/png' || extension === 'png') return 'png';
  if (mimeType === 'image/jpeg' || extension === 'jpg' || extension === 'jpeg') return 'jpeg';
  return null;
}

function transformOfPlacement(placement: PicturePlacement, width: number, height: number, fileName: string): { ok: true; value: GeoTransform } | { ok: false; error: string } {
  if (placement.kind === 'worldFile') return parseWorldFile(placement.text, placement.fileName);
  const [minX, minY, maxX, maxY] = placement.bounds;
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) return { ok: false, error: `图片 ${fileName}：范围须填写西、南、东、北四个数` };
  if (!(minX < maxX) || !(minY < maxY)) return { ok: false, error: `图片 ${fileName}：范围的西边须小于东边、南边须小于北边` };
  return { ok: true, value: [minX, (maxX - minX) / width, 0, maxY, 0, -(maxY - minY) / height] };
}

async function georeferenced(input: EpochImageFile, codec: ImageCodec): Promise<{ ok: true; image: DecodedImage; transform: GeoTransform; epsg: number; kind: LocalImageKind | null } | { ok: false; error: string }> {
  if (input.kind === 'geotiff') {
    const read = await readGeoTiff(input.bytes, input.fileName);
    if (!read.ok) return read;
    const epsg = read.value.epsg ?? input.coordinateSystem;
    if (epsg === null) return { ok: false, error: `GeoTIFF ${input.fileName}：文件未注明坐标系（EPSG），请选择坐标系` };
    return { ok: true, image: read.value, transform: read.value.transform, epsg, kind: null };
  }
  const kind = pictureKind(input.fileName, input.mimeType);
  if (!kind) return { ok: false, error: `文件 ${input.fileName}：只支持 GeoTIFF、PNG 或 JPEG` };
  let image: DecodedImage;
  try {
    if (input.bytes.byteLength === 0) throw new Error('空文件');
    image = await codec.decode(input.bytes, kind === 'png' ? 'image/png' : 'image/jpeg');
  } catch (error) {
    return { ok: false, error: `图片 ${input.fileName}：无法解码（${error instanceof Error ? error.message : String(error)}）` };
  }
  if (image.width * image.height > MAXIMUM_GEOTIFF_PIXELS) return { ok: false, error: `图片 ${input.fileName}：${image.width}×${image.height} 像素，超过上限 ${MAXIMUM_GEOTIFF_PIXELS / 1e6} 百万像素` };
  const transform = transformOfPlacement(input.placement, image.width, image.height, input.fileName);
  if (!transform.ok) return transform;
  return { ok: true, image, transform: transform.value, epsg: input.coordinateSystem, kind };
}

/** Reads, georeferences and (when needed) warps an epoch image file. */
export async function prepareEpochImage(input: EpochImageFile, codec: ImageCodec): Promise<PreparedEpochImageResult> {
  const source = await georeferenced(input, codec);
  if (!source.ok) return source;
  const names = input.kind === 'picture' && input.placement.kind === 'worldFile' ? `${input.fileName} + ${input.placement.fileName}` : input.fileName;
  if (!isSupportedImageCoordinateSystem(source.epsg)) {
    return { ok: false, error: `${names}：坐标系 EPSG:${source.epsg} 不受支持（支持 4326、4490、3857 和 CGCS2000 3 度带 4513–4554）` };
  }
  const projection = imageProjection(source.epsg)!;
  const warped = warpToLonLat({ ...source.image, transform: source.transform }, projection);
  if (!warped) return { ok: false, error: `${names}：地理参考无效（像元大小为 0）` };
  const [west, south, east, north] = warped.bounds;
  if (![west, south, east, north].every(Number.isFinite) || west < CHINA.west || east > CHINA.east || south < CHINA.south || north > CHINA.north) {
    return { ok: false, error: `${names}：按 EPSG:${source.epsg} 换算后的范围（${west.toFixed(4)}, ${south.toFixed(4)} – ${east.toFixed(4)}, ${north.toFixed(4)}）不在中国境内，请检查坐标系与范围` };
  }
  const keepBytes = !warped.warped && input.kind === 'picture' && source.kind !== null;
  const bytes = keepBytes ? input.bytes : await codec.encodePng({ width: warped.width, height: warped.height, rgba: warped.rgba });
  const imageKind: LocalImageKind = keepBytes && source.kind ? source.kind : 'png';
  return {
    ok: true,
    value: {
      bytes, imageKind, mimeType: imageKind === 'png' ? 'image/png' : 'image/jpeg',
      widthPixels: warped.width, heightPixels: warped.height, bounds: warped.bounds, resolutionMetersPerPixel: warped.resolutionMetersPerPixel,
      georeference: { fileName: names, epsg: source.epsg, warped: warped.warped, maximumErrorPixels: warped.maximumErrorPixels },
    },
  };
}
