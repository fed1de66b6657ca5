/**
 * Imagery epochs (影像时相): one georeferenced image of part of the county taken at one date, from
 * an aerial survey (航拍) or a satellite (卫片). The image grid is north-up and linear in longitude
 * and latitude over `bounds` (CGCS2000 geographic, shown as WGS84): pixel column i covers
 * longitudes west + i·(east − west)/widthPixels … west + (i+1)·(east − west)/widthPixels, row 0 is
 * the northern edge. The image bytes are stored apart from this record (they are not JSON).
 */
/** [west, south, east, north] in degrees (the same shape as geo's BoundingBox). */
export type LonLatBounds = [west: number, south: number, east: number, north: number];

export const EPOCH_SOURCES = ['航拍', '卫片'] as const;
export type EpochSource = (typeof EPOCH_SOURCES)[number];

/** How the image is stored: encoded image bytes kept locally (IndexedDB). */
export const EPOCH_IMAGE_KINDS = ['png', 'jpeg'] as const;
export type EpochImageKind = (typeof EPOCH_IMAGE_KINDS)[number];

export const EPOCH_IMAGE_MIME_TYPES: Record<EpochImageKind, string> = { png: 'image/png', jpeg: 'image/jpeg' };

export interface Epoch {
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
  imageKind: EpochImageKind;
  widthPixels: number;
  heightPixels: number;
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
  if (!(EPOCH_IMAGE_KINDS as readonly unknown[]).includes(record['imageKind'])) return fail('影像格式须为 png 或 jpeg');
  for (const key of ['widthPixels', 'heightPixels'] as const) {
    const size = record[key];
    if (!isFiniteNumber(size) || !Number.isInteger(size) || size < 1) return fail('影像宽高须为正整数');
  }
  return {
    ok: true,
    value: {
      id: record['id'], name: record['name'], date: record['date'], source: record['source'] as EpochSource,
      resolutionMetersPerPixel: resolution, bounds: [...(record['bounds'] as number[])] as LonLatBounds,
      imageKind: record['imageKind'] as EpochImageKind, widthPixels: record['widthPixels'] as number, heightPixels: record['heightPixels'] as number,
    },
  };
}

/** Epochs oldest first (ties by id), e.g. for choosing the 前时相 / 后时相 of a comparison. */
export function sortEpochsByDate(epochs: readonly Epoch[]): Epoch[] {
  return [...epochs].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
}
