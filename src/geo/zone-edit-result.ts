/**
 * The result of a zone geometry edit (normalise, validate, vertex edits, move, split, merge): the
 * edited geometry, or the Chinese reason it was refused. Plain data, so it can cross a worker
 * boundary. A refusal may carry the position it concerns (e.g. where the boundary crosses itself),
 * so the UI can show the reason at that spot.
 */
import type { Position } from 'geojson';

export type ZoneEditResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: string; location?: Position };

/** Why a zone edit was refused, as shown to planners. */
export const ZONE_EDIT_REASONS = {
  nonFinite: '坐标含非数字（NaN/Infinity）',
  ringNotClosed: '边界未闭合',
  tooFewVertices: '区块至少需要 3 个不同的顶点',
  zeroArea: '区块面积为零（顶点共线）',
  selfIntersection: '区块边界自相交',
  holesNotSupported: '含内环（洞）的区块不能在地图上编辑',
  vertexOutOfRange: '没有这个顶点',
  splitLineTooShort: '切割线至少需要两个不同的点',
  splitLineEndsInside: '切割线的起点和终点都必须在区块之外',
  splitLineNotCrossing: '切割线没有完整穿过区块',
  splitLineAlongBoundary: '切割线不能沿区块边界走',
  splitFailed: '无法按这条线切割区块',
  mergeSameZone: '不能把区块与自身合并',
  mergeDisjoint: '两个区块既不相邻也不重叠，不能合并',
  mergeNotSinglePolygon: '合并结果不是单个多边形（两个区块只在个别点相接）',
  mergeHasHoles: '合并结果中间有空洞，区块不能含洞',
} as const;

export type ZoneEditReason = keyof typeof ZONE_EDIT_REASONS;

export function accepted<T>(value: T): ZoneEditResult<T> {
  return { ok: true, value };
}

export function refused<T>(reason: ZoneEditReason, location?: Position): ZoneEditResult<T> {
  return location ? { ok: false, reason: ZONE_EDIT_REASONS[reason], location } : { ok: false, reason: ZONE_EDIT_REASONS[reason] };
}
