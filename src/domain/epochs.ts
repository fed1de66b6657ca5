/**
 * Imagery epochs (影像时相): one georeferenced image of part of the county taken at one date, from
 * an aerial survey (航拍) or a satellite (卫片). The image grid is north-up and linear in longitude
 * and latitude over `bounds` (CGCS2000 geographic, shown as WGS84): pixel column i covers
 * longitudes west + i·(east − west)/widthPixels … west + (i+1)·(east − west)/widthPixels, row 0 is
 * the northern edge. The image bytes are stored apart from this record (they are not JSON). An epoch
 * may instead name an XYZ tile service (`imageKind` xyz) on an allowed host: nothing is stored,
 * the map fetches tiles when online, and change detection needs a local image.
 */
/** [west, south, east, north] in degrees (the same shape as geo's BoundingBox). */
export type LonLatBounds = [west: number, south: number, east: number, north: number];

export const EPOCH_SOURCES = ['航拍', '卫片'] as const;
export type EpochSource = (typeof EPOCH_SOURCES)[number];

/** How the image is stored: encoded image bytes kept locally (IndexedDB), or an XYZ tile service. */
export const EPOCH_IMAGE_KINDS = ['png', 'jpeg', 'xyz'] as const;
export type EpochImageKind = (typeof EPOCH_IMAGE_KINDS)[number];
export type LocalImageKind = Exclude<EpochImageKind, 'xyz'>;

export const EPOCH_IMAGE_MIME_TYPES: Record<LocalImageKind, string> = { png: 'image/png', jpeg: 'image/jpeg' };

/** Where a user-added image came from and how it was put on the lon/lat grid. */
export interface EpochGeoreference {
  /** The image file (and world file) as chosen. */
  fileName: string;
  /** EPSG code of the coordinate system the file was in. */
  epsg: number;
  /** True when the pixels were resampled (projected or rotated source); false when kept. */
  warped: boolean;
  /** Largest error of the warp's interpolated mapping, source pixels. */
  maximumErrorPixels: number;
}

interface EpochBase {
  id: string;
  /** Display name, e.g. 2025年11月 航拍. */
  name: string;
  /** Acquisition date, YYYY-MM-DD. */
  date: string;
  source: EpochSource;
  /** Ground size of one pixel (metres per pixel, along the north–south axis). */
  resolutionMetersPerPixel: number;
  /** [west, south, east, north] in degrees. */
  bounds: LonLatBounds;
  /** Set on epochs added from a file. */
  georeference?: EpochGeoreference;
}

/** An epoch whose image bytes are stored locally. */
export interface LocalImageEpoch extends EpochBase {
  imageKind: LocalImageKind;
  widthPixels: number;
  heightPixels: number;
}

/** An epoch shown from an XYZ tile service (`{z}`, `{x}`, `{y}` in the template). */
export interface TileEpoch extends EpochBase {
  imageKind: 'xyz';
  tileUrlTemplate: string;
}

export type Epoch = LocalImageEpoch | TileEpoch;

export function isLocalImageEpoch(epoch: Epoch): epoch is LocalImageEpoch {
  return epoch.imageKind !== 'xyz';
}

export type EpochValidation = { ok: true; value: Epoch } | { ok: false; error: string };

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function boundsProblem(bounds: unknown): string | null {
  if (!Array.isArray(bounds) || bounds.length !== 4 || !bounds.every(isFiniteNumber)) return '范围必须是 [西, 南, 东, 北] 四个数';
  const [west, south, east, north] = bounds as number[];
  if ((west as number) < -180 || (east as number) > 180 || (south as number) < -90 || (north as number) > 90) return '范围超出经纬度取值';
  if (!((west as number) < (east as number)) || !((south as number) < (north as number))) return '范围的西边须小于东边、南边须小于北边';
  return null;
}

/**
 * Checks an epoch read from outside (a file, an older database) and returns it typed, or the first
 * problem found, in Chinese.
 */
export function validateEpoch(input: unknown): EpochValidation {
  if (typeof input !== 'object' || input === null) return { ok: false, error: '影像时相不是对象' };
  const record = input as Record<string, unknown>;
  const fail = (error: string): EpochValidation => ({ ok: false, error: `影像时相 ${String(record['id'] ?? '')}：${error}` });
  if (typeof record['id'] !== 'string' || record['id'] === '') return fail('缺少编号');
  if (typeof record['name'] !== 'string' || record['name'].trim() === '') return fail('缺少名称');
  if (typeof record['date'] !== 'string' || !ISO_DATE.test(record['date'])) return fail('日期须为 YYYY-MM-DD');
  if (!(EPOCH_SOURCES as readonly unknown[]).includes(record['source'])) return fail('来源须为 航拍 或 卫片');
  const resolution = record['resolutionMetersPerPixel'];
  if (!isFiniteNumber(resolution) || resolution <= 0) return fail('分辨率须为正数（米/像素）');
  const problem = boundsProblem(record['bounds']);
  if (problem) return fail(problem);
  if (!(EPOCH_IMAGE_KINDS as readonly unknown[]).includes(record['imageKind'])) return fail('影像格式须为 png、jpeg 或 xyz');
  const base: EpochBase = {
    id: record['id'], name: record['name'], date: record['date'], source: record['source'] as EpochSource,
    resolutionMetersPerPixel: resolution, bounds: [...(record['bounds'] as number[])] as LonLatBounds,
    ...(isGeoreference(record['georeference']) ? { georeference: { ...record['georeference'] } } : {}),
  };
  if (record['imageKind'] === 'xyz') {
    const template = record['tileUrlTemplate'];
    const templateProblem = typeof template === 'string' ? tileTemplateProblem(template) : '缺少瓦片地址';
    if (templateProblem) return fail(templateProblem);
    return { ok: true, value: { ...base, imageKind: 'xyz', tileUrlTemplate: template as string } };
  }
  for (const key of ['widthPixels', 'heightPixels'] as const) {
    const size = record[key];
    if (!isFiniteNumber(size) || !Number.isInteger(size) || size < 1) return fail('影像宽高须为正整数');
  }
  return { ok: true, value: { ...base, imageKind: record['imageKind'] as LocalImageKind, widthPixels: record['widthPixels'] as number, heightPixels: record['heightPixels'] as number } };
}

function isGeoreference(value: unknown): value is EpochGeoreference {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry['fileName'] === 'string' && isFiniteNumber(entry['epsg']) && typeof entry['warped'] === 'boolean' && isFiniteNumber(entry['maximumErrorPixels']);
}

/**
 * What is wrong with an XYZ tile URL template, or null: it must be an absolute http(s) URL with
 * `{z}`, `{x}` and `{y}` and no user name or password. (Whether its host is allowed is checked
 * apart: see `epochs-tile-hosts`.)
 */
export function tileTemplateProblem(template: string): string | null {
  const trimmed = template.trim();
  if (!/^https?:\/\//i.test(trimmed)) return '瓦片地址须以 http:// 或 https:// 开头';
  for (const placeholder of ['{z}', '{x}', '{y}']) if (!trimmed.includes(placeholder)) return `瓦片地址须包含 ${placeholder}`;
  let url: URL;
  try {
    url = new URL(trimmed.replaceAll('{z}', '0').replaceAll('{x}', '0').replaceAll('{y}', '0'));
  } catch {
    return '瓦片地址不是有效的网址';
  }
  if (url.username || url.password) return '瓦片地址不能包含用户名或密码';
  return null;
}

/** Epochs oldest first (ties by id), e.g. for choosing the 前时相 / 后时相 of a comparison. */
export function sortEpochsByDate(epochs: readonly Epoch[]): Epoch[] {
  return [...epochs].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}
