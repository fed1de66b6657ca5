/**
 * 规划控制线 (planning control lines, the 三区三线 and 城市蓝线 of 国土空间规划): areas where some
 * land uses are forbidden. Each type names the 拆后土地利用 classes it forbids:
 * - 生态保护红线: no construction, and no new 垦造耕地 (开垦) inside it;
 * - 永久基本农田: no construction, and no 绿化造林 (严禁占用永久基本农田植树造林、挖湖造景);
 * - 城镇开发边界外: no urban construction (城镇集中建设) outside the development boundary;
 * - 河道蓝线: no construction within the river's management line.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LandUseClass } from './land-use';
import type { SpatialRecord } from './records';

export const RED_LINE_TYPES = ['生态保护红线', '永久基本农田', '城镇开发边界外', '河道蓝线'] as const;
export type RedLineType = (typeof RED_LINE_TYPES)[number];

/** The 拆后土地利用 classes each control line forbids. */
export const RED_LINE_FORBIDDEN_CLASSES: Record<RedLineType, readonly LandUseClass[]> = {
  生态保护红线: ['建', '耕'],
  永久基本农田: ['建', '绿'],
  城镇开发边界外: ['建'],
  河道蓝线: ['建'],
};

export interface RedLineProperties {
  name: string;
  lineType: RedLineType;
  /** Who approved the line and when (e.g. 《苍南县国土空间总体规划（2021—2035年）》), free text. */
  source: string;
  /** Ellipsoidal area of the geometry, m². */
  areaSquareMeters: number;
}
export type RedLine = SpatialRecord<Polygon | MultiPolygon, RedLineProperties>;

export function isRedLineType(value: unknown): value is RedLineType {
  return typeof value === 'string' && (RED_LINE_TYPES as readonly string[]).includes(value);
}

/** Whether a control line of this type forbids parcels of this class. */
export function redLineForbids(lineType: RedLineType, landUseClass: LandUseClass): boolean {
  return RED_LINE_FORBIDDEN_CLASSES[lineType].includes(landUseClass);
}
