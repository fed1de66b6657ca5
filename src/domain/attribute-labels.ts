/**
 * Chinese labels of record attributes as the attribute panel and ledger show them, in display
 * order. Attributes not listed are not shown.
 */
import type { ModelledKind } from './records';

export type AttributeLabels = ReadonlyArray<readonly [key: string, label: string]>;

const COMMON_TOWNSHIP: readonly [string, string] = ['townshipId', '所属乡镇'];
const COMMON_VILLAGE: readonly [string, string] = ['villageId', '所属村'];

export const ATTRIBUTE_LABELS: Partial<Record<ModelledKind, AttributeLabels>> = {
  townships: [['name', '乡镇名称'], ['code', '行政区划代码']],
  villages: [['name', '村名'], COMMON_TOWNSHIP, ['households', '户数']],
  villageBlocks: [
    ['name', '城中村区块'], COMMON_TOWNSHIP, COMMON_VILLAGE, ['households', '总户数'],
    ['expropriatedHouseholds', '征收户数（征）'], ['signedHouseholds', '签约户数（签）'],
    ['vacatedHouseholds', '腾空户数（腾）'], ['demolishedHouseholds', '拆除户数（拆）'],
  ],
  industrialBlocks: [['name', '工业区块'], COMMON_TOWNSHIP, ['enterpriseCount', '企业数']],
  violations: [
    ['code', '图斑编号'], ['status', '状态'], ['buildingType', '建筑类型'], ['origin', '来源（新增/存量）'],
    ['disposalClass', '分类处置'], COMMON_TOWNSHIP, COMMON_VILLAGE, ['yearBuilt', '建成年份'],
    ['ownerType', '权属类型'], ['ownerName', '当事人'], ['statusDates', '状态日期'],
  ],
  zones: [
    ['name', '区块名称'], ['zoneType', '区块类型'], COMMON_TOWNSHIP, ['responsibleUnit', '责任单位'],
    ['plannedStart', '计划开工'], ['plannedFinish', '计划完成'], ['targetDemolitionSquareMeters', '目标拆除面积（m²）'],
  ],
  landUseParcels: [
    ['landUseClass', '地类'], ['landUseCode', '用地用海代码'], ['zoneId', '所在改造区块'], ['areaSquareMeters', '面积（m²）'],
  ],
  parkSites: [
    ['name', '小微园名称'], ['stage', '阶段'], COMMON_TOWNSHIP, ['zoneId', '所在改造区块'], ['plotRatio', '容积率'],
    ['capacitySquareMeters', '规划建筑面积（m²）'], ['allocatedSquareMeters', '已分配面积（m²）'],
  ],
  fourNoUnits: [
    ['name', '单位名称'], COMMON_TOWNSHIP, COMMON_VILLAGE, ['problems', '问题类型'],
    ['foundOn', '排查日期'], ['rectifiedOn', '整治日期'],
  ],
  redLines: [['name', '控制线名称'], ['lineType', '控制线类型'], ['source', '依据'], ['areaSquareMeters', '面积（m²）']],
  dangerousBuildings: [
    ['address', '地址'], ['grade', '鉴定等级'], COMMON_TOWNSHIP, COMMON_VILLAGE, ['inspectedOn', '鉴定日期'],
    ['households', '住户数'], ['vacated', '已腾空'], ['rectifiedOn', '整治完成日期'],
  ],
  gridCells: [['code', '网格编号'], COMMON_TOWNSHIP, ['responsiblePerson', '网格员'], ['responsiblePhone', '联系电话']],
};
