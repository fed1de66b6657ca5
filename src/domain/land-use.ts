/**
 * 拆后土地利用 (宜耕则耕、宜建则建、宜绿则绿): the land-use parcels of a zone's plan, classed 耕 / 建 / 绿
 * with a code of the national classification (《国土空间调查、规划、用途管制用地用海分类指南》,
 * 自然资源部 2023): 01 耕地, 07 居住用地, 10 工矿用地, 12 交通运输用地, 14 绿地与开敞空间用地.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { SpatialRecord } from './records';

export const LAND_USE_CLASSES = ['耕', '建', '绿'] as const;
export type LandUseClass = (typeof LAND_USE_CLASSES)[number];

/** The codes a plan may use, second level of the classification, with their class and name. */
export const LAND_USE_CODES = {
  '0101': { landUseClass: '耕', name: '水田' },
  '0102': { landUseClass: '耕', name: '水浇地' },
  '0103': { landUseClass: '耕', name: '旱地' },
  '0701': { landUseClass: '建', name: '城镇住宅用地（安置房）' },
  '1001': { landUseClass: '建', name: '工业用地（小微园）' },
  '1207': { landUseClass: '建', name: '城镇村道路用地' },
  '1401': { landUseClass: '绿', name: '公园绿地' },
  '1402': { landUseClass: '绿', name: '防护绿地' },
} as const satisfies Record<string, { landUseClass: LandUseClass; name: string }>;
export type LandUseCode = keyof typeof LAND_USE_CODES;

export const LAND_USE_CLASS_LABELS: Record<LandUseClass, string> = {
  耕: '耕地（垦造耕地）',
  建: '建设用地',
  绿: '绿地与开敞空间',
};

/** The code used for a class when the planner does not choose one. */
export const DEFAULT_LAND_USE_CODES: Record<LandUseClass, LandUseCode> = { 耕: '0101', 建: '1001', 绿: '1401' };

/** The 建 sub-classes a planner chooses from. */
export const CONSTRUCTION_CODES = ['1001', '0701', '1207'] as const satisfies readonly LandUseCode[];
export type ConstructionCode = (typeof CONSTRUCTION_CODES)[number];

export function isLandUseCode(value: unknown): value is LandUseCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(LAND_USE_CODES, value);
}

export function landUseCodeLabel(code: LandUseCode): string {
  return `${code} ${LAND_USE_CODES[code].name}`;
}

export interface LandUseParcelProperties {
  zoneId: string;
  landUseClass: LandUseClass;
  landUseCode: LandUseCode;
  /** Ellipsoidal area of the geometry, m². */
  areaSquareMeters: number;
  /** The land the plan divided, when it was made by shares (the gap check measures against it). */
  freedLandSource?: FreedLandSource;
}
export type LandUseParcel = SpatialRecord<Polygon | MultiPolygon, LandUseParcelProperties>;

/** Which land a plan by shares divides: the demolished footprints in the zone, or the whole zone. */
export type FreedLandSource = 'footprints' | 'zone';
export const FREED_LAND_SOURCE_LABELS: Record<FreedLandSource, string> = {
  footprints: '拆除图斑（已拆除违建占地）',
  zone: '整个区块',
};

/** One entry of a plan by shares: a class, its code and its share in percent of the freed land. */
export interface LandUseShare {
  landUseClass: LandUseClass;
  landUseCode: LandUseCode;
  sharePercent: number;
}

/** Each parcel's area must be within this fraction of its target (0.5 %). */
export const SHARE_TOLERANCE = 0.005;

export const LAND_USE_SHARE_REASONS = {
  notNumbers: '比例须为 0–100 之间的数字',
  notHundred: '耕、建、绿比例之和须为 100%',
  empty: '至少一类比例须大于 0',
  codeMismatch: '用地代码与地类不符',
} as const;

/**
 * Checks the shares of a plan: each 0–100, together 100 % (±0.01), at least one positive, codes
 * matching their class. Returns the shares with a positive share, or a reason.
 */
export function validateLandUseShares(shares: readonly LandUseShare[]): { ok: true; value: LandUseShare[] } | { ok: false; reason: string } {
  if (shares.some((share) => !Number.isFinite(share.sharePercent) || share.sharePercent < 0 || share.sharePercent > 100)) {
    return { ok: false, reason: LAND_USE_SHARE_REASONS.notNumbers };
  }
  if (shares.some((share) => LAND_USE_CODES[share.landUseCode].landUseClass !== share.landUseClass)) {
    return { ok: false, reason: LAND_USE_SHARE_REASONS.codeMismatch };
  }
  const total = shares.reduce((sum, share) => sum + share.sharePercent, 0);
  if (Math.abs(total - 100) > 0.01) return { ok: false, reason: LAND_USE_SHARE_REASONS.notHundred };
  const positive = shares.filter((share) => share.sharePercent > 0);
  if (positive.length === 0) return { ok: false, reason: LAND_USE_SHARE_REASONS.empty };
  return { ok: true, value: positive };
}
