/**
 * The names of the record kinds, used identically in storage, the automation handle and exports
 * (see the automation contract).
 */
export const RECORD_KINDS = [
  'townships',
  'villages',
  'villageBlocks',
  'industrialBlocks',
  'violations',
  'zones',
  'landUseParcels',
  'parkSites',
  'enterprises',
  'fourNoUnits',
  'targets',
  'snapshots',
  'epochs',
  'changePatches',
  'dangerousBuildings',
  'gridCells',
  'patrolReports',
  'blacklist',
  'milestones',
  'redLines',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(value: string): value is RecordKind {
  return (RECORD_KINDS as readonly string[]).includes(value);
}

/** Chinese display names of each record kind, as the UI shows them. */
export const RECORD_KIND_LABELS: Record<RecordKind, string> = {
  townships: '乡镇',
  villages: '村（社区）',
  villageBlocks: '城中村区块',
  industrialBlocks: '工业区块',
  violations: '违建图斑',
  zones: '改造区块',
  landUseParcels: '拆后土地利用地块',
  parkSites: '小微园',
  enterprises: '企业',
  fourNoUnits: '四无单位',
  targets: '年度目标',
  snapshots: '周进度快照',
  epochs: '影像时相',
  changePatches: '变化图斑',
  dangerousBuildings: '危旧房',
  gridCells: '网格',
  patrolReports: '巡查报告',
  blacklist: '黑名单',
  milestones: '项目节点',
  redLines: '规划控制线',
};
