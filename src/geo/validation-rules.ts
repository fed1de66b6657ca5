/**
 * The rules an imported feature is checked against, with the Chinese reason shown in the import
 * report. Exported as constants so tests and the UI refer to the same names.
 */
export const VALIDATION_RULES = {
  structure: '结构不符合 GeoJSON 规范',
  geometryMissing: '缺少几何图形',
  geometryType: '几何类型与目标图层不符',
  nonFinite: '坐标含非数字（NaN/Infinity）或非数值',
  projected: '坐标超出经纬度范围，疑似投影坐标（米），请先选择坐标系',
  outsideChina: '坐标不在中国范围内，可能经纬度颠倒',
  ringTooShort: '环的顶点不足 4 个（首尾相同）',
  ringNotClosed: '环未闭合',
  duplicateVertices: '含连续重复顶点',
  selfIntersection: '边界自相交',
  bowTieSplit: '边界自相交（“蝴蝶结”），已拆分为互不相交的多个面',
  holeOutsideShell: '内环（洞）不在外环之内',
  duplicateId: '编号重复',
  unsafeKey: '属性名不安全（__proto__ / constructor / prototype）',
  precision: '坐标超过 7 位小数',
} as const;

export type ValidationRule = keyof typeof VALIDATION_RULES;

/** One finding about one feature: repaired (kept, changed) or rejected (not imported). */
export interface ValidationFinding {
  rule: ValidationRule;
  action: 'repaired' | 'rejected';
  message: string;
  /** On a rejection: a safe repair exists (validate again with that option to apply it). */
  repair?: 'splitBowTie';
}
