/**
 * Colours of the map, as RGBA tuples for deck.gl and CSS strings for MapLibre and legends.
 * Violation statuses run from red (found) through amber to green (demolished) and grey (closed).
 */
import { LAND_USE_CODES, landUseCodeLabel, type LandUseCode } from '../domain/land-use';
import type { ViolationStatus } from '../domain/violation-status';
import type { LayerId } from '../state/layer-settings';
import { RED_LINE_LEGEND } from './red-line-layer';
import { CAMPAIGN_EXTRA_LEGENDS } from './campaign-extra-legends';

export type Rgba = readonly [number, number, number, number];

export const VIOLATION_STATUS_COLORS: Record<ViolationStatus, Rgba> = {
  发现: [229, 57, 53, 255],
  认定: [245, 124, 0, 255],
  处置中: [251, 192, 45, 255],
  已拆除: [67, 160, 71, 255],
  已整改: [30, 136, 229, 255],
  销号: [117, 117, 117, 255],
};

export const CAMPAIGN_COLORS = {
  villageBlockFill: [255, 167, 38, 70] as Rgba,
  villageBlockLine: [230, 81, 0, 255] as Rgba,
  industrialBlockFill: [126, 87, 194, 60] as Rgba,
  industrialBlockLine: [81, 45, 168, 255] as Rgba,
  zoneFill: [216, 27, 96, 25] as Rgba,
  zoneLine: [216, 27, 96, 255] as Rgba,
  parkSiteFill: [0, 137, 123, 110] as Rgba,
  parkSiteLine: [0, 105, 92, 255] as Rgba,
  fourNoOpen: [183, 28, 28, 255] as Rgba,
  fourNoRectified: [46, 125, 50, 255] as Rgba,
  pointOutline: [255, 255, 255, 255] as Rgba,
  selection: [0, 229, 255, 255] as Rgba,
};

/**
 * Land-use parcel fills by national code. Hues follow the 用地用海分类 map palette of the
 * 国土空间规划制图规范 (耕地 pale yellow, 工业 brown, 居住 warm red-orange here so it does not read as
 * 耕地, 道路 grey, 绿地 green); the RGB values are display approximations, not the 规范's table.
 */
export const LAND_USE_CODE_COLORS: Record<LandUseCode, Rgba> = {
  '0101': [235, 225, 140, 200],
  '0102': [225, 215, 120, 200],
  '0103': [240, 230, 170, 200],
  '0701': [230, 110, 80, 200],
  '1001': [187, 150, 116, 210],
  '1207': [160, 160, 160, 210],
  '1401': [76, 175, 80, 200],
  '1402': [46, 125, 50, 200],
};
export const LAND_USE_LINE: Rgba = [93, 64, 55, 255];

export const BASE_COLORS = {
  background: '#f2efe9',
  townshipFills: ['#f7f1e3', '#eef3e6', '#f3ece6', '#e9f0f2', '#f4efdf', '#ecefe7', '#f2e9ec'],
  townshipLine: '#8d6e63',
  villageLine: '#b9a99f',
  river: '#7fb8e6',
  roadCasing: '#c9b79c',
  roadPrimary: '#ffd9a0',
  roadSecondary: '#ffffff',
  townshipLabel: '#4e342e',
  villageLabel: '#6d5d55',
  labelHalo: '#ffffff',
};

export function rgbaToCss([red, green, blue, alpha]: Rgba): string {
  return `rgba(${red}, ${green}, ${blue}, ${(alpha / 255).toFixed(3)})`;
}

export interface LegendEntry {
  label: string;
  color: string;
  shape: 'fill' | 'line' | 'point';
}

const STATUS_LEGEND: LegendEntry[] = (Object.entries(VIOLATION_STATUS_COLORS) as [ViolationStatus, Rgba][]).map(
  ([status, color]) => ({ label: status, color: rgbaToCss(color), shape: 'fill' }),
);

const LAND_USE_LEGEND: LegendEntry[] = (Object.keys(LAND_USE_CODES) as LandUseCode[]).map((code) => ({
  label: `${LAND_USE_CODES[code].landUseClass} ${landUseCodeLabel(code)}`,
  color: rgbaToCss(LAND_USE_CODE_COLORS[code]),
  shape: 'fill',
}));

/** The legend of each layer, as the layer panel shows it. */
export const LEGENDS: Record<LayerId, LegendEntry[]> = {
  townships: [{ label: '乡镇界', color: BASE_COLORS.townshipLine, shape: 'line' }],
  villages: [{ label: '村界', color: BASE_COLORS.villageLine, shape: 'line' }],
  rivers: [{ label: '河流', color: BASE_COLORS.river, shape: 'line' }],
  roads: [
    { label: '主要道路', color: BASE_COLORS.roadPrimary, shape: 'line' },
    { label: '次要道路', color: BASE_COLORS.roadCasing, shape: 'line' },
  ],
  villageBlocks: [{ label: '城中村区块', color: rgbaToCss(CAMPAIGN_COLORS.villageBlockLine), shape: 'fill' }],
  industrialBlocks: [{ label: '工业区块', color: rgbaToCss(CAMPAIGN_COLORS.industrialBlockLine), shape: 'fill' }],
  landUseParcels: LAND_USE_LEGEND,
  redLines: RED_LINE_LEGEND,
  zones: [{ label: '改造区块', color: rgbaToCss(CAMPAIGN_COLORS.zoneLine), shape: 'line' }],
  parkSites: [{ label: '小微园', color: rgbaToCss(CAMPAIGN_COLORS.parkSiteLine), shape: 'fill' }],
  violations: STATUS_LEGEND,
  fourNoUnits: [
    { label: '未整治', color: rgbaToCss(CAMPAIGN_COLORS.fourNoOpen), shape: 'point' },
    { label: '已整治', color: rgbaToCss(CAMPAIGN_COLORS.fourNoRectified), shape: 'point' },
  ],
  ...CAMPAIGN_EXTRA_LEGENDS,
};
