/**
 * The ledger's tables (台账) as plain rows: the screen and every export read these same rows, so
 * exported figures equal the on-screen ones. Area columns are rounded with 强制调平 over the rows
 * shown, so the rows add up exactly to the total row.
 */
import { balancedRound } from '../domain/balanced-rounding';
import { rankTownships, type RankingEntry } from '../domain/ranking';
import { computeTownshipStatistics, type TownshipStatistics } from '../domain/township-statistics';
import { BUILDING_TYPES } from '../domain/records';
import { VIOLATION_STATUSES } from '../domain/violation-status';
import type { Sheet } from '../io/sheet';
import type { LayerId } from './layer-settings';
import type { ProjectRecords } from './project-state';
import type { ZoneFigures } from './zone-statistics';

export type LedgerTableId = 'townships' | 'ranking' | 'zones' | 'violations';

export interface LedgerColumn {
  key: string;
  label: string;
  kind: 'text' | 'number' | 'rate';
  /** Decimal places numbers are rounded to (and shown with). */
  decimals?: number;
  /** Round this column with 强制调平 so the rows add up to the total. */
  balanced?: boolean;
  /** For rates: the total row's rate is total[numerator] / total[denominator]. */
  totalRateOf?: readonly [numerator: string, denominator: string];
}

export type LedgerValue = string | number | null;

export interface LedgerRow {
  id: string;
  /** The map layer of the row's feature, for linking; null for rows without geometry. */
  layerId: LayerId | null;
  townshipId: string;
  values: Record<string, LedgerValue>;
}

export interface LedgerTable {
  id: LedgerTableId;
  title: string;
  columns: LedgerColumn[];
  rows: LedgerRow[];
  total: LedgerRow | null;
}

export interface LedgerFilter {
  query: string;
  townshipId: string | null;
  status: string | null;
}

export const EMPTY_FILTER: LedgerFilter = { query: '', townshipId: null, status: null };

const rate = (value: number | null) => (value === null ? null : value);

const TOWNSHIP_COLUMNS: LedgerColumn[] = [
  { key: 'name', label: '乡镇', kind: 'text' },
  { key: 'violationCount', label: '违建图斑（宗）', kind: 'number', decimals: 0, balanced: true },
  { key: 'violationArea', label: '违建面积（万m²）', kind: 'number', decimals: 2, balanced: true },
  { key: 'target', label: '年度拆违目标（万m²）', kind: 'number', decimals: 2, balanced: true },
  { key: 'demolishedArea', label: '年内已拆除（万m²）', kind: 'number', decimals: 2, balanced: true },
  { key: 'completionRate', label: '完成率', kind: 'rate', totalRateOf: ['demolishedArea', 'target'] },
  { key: 'milestone', label: '应完成节点（万m²）', kind: 'number', decimals: 2, balanced: true },
  { key: 'weekChange', label: '本周拆除（万m²）', kind: 'number', decimals: 2, balanced: true },
  { key: 'remainingArea', label: '待处置面积（万m²）', kind: 'number', decimals: 2, balanced: true },
  { key: 'households', label: '城中村户数', kind: 'number', decimals: 0, balanced: true },
  { key: 'signedHouseholds', label: '已签约（户）', kind: 'number', decimals: 0, balanced: true },
  { key: 'signingRate', label: '城中村签约率', kind: 'rate', totalRateOf: ['signedHouseholds', 'households'] },
  { key: 'demolishedHouseholds', label: '城中村拆除（户）', kind: 'number', decimals: 0, balanced: true },
  { key: 'fourNoFound', label: '四无排查（家）', kind: 'number', decimals: 0, balanced: true },
  { key: 'fourNoRectified', label: '四无整治（家）', kind: 'number', decimals: 0, balanced: true },
  { key: 'rectificationRate', label: '四无整治率', kind: 'rate', totalRateOf: ['fourNoRectified', 'fourNoFound'] },
  { key: 'behind', label: '进度', kind: 'text' },
];

const wan = (squareMeters: number) => squareMeters / 10000;

function townshipValues(stats: TownshipStatistics): Record<string, LedgerValue> {
  return {
    name: stats.name, violationCount: stats.violationCount, violationArea: wan(stats.violationAreaSquareMeters),
    target: wan(stats.targetSquareMeters), demolishedArea: wan(stats.demolishedAreaSquareMeters), completionRate: rate(stats.completionRate),
    milestone: wan(stats.milestoneSquareMeters), weekChange: stats.weekChangeSquareMeters === null ? null : wan(stats.weekChangeSquareMeters),
    remainingArea: wan(stats.remainingAreaSquareMeters), households: stats.households, signedHouseholds: stats.signedHouseholds, signingRate: rate(stats.signingRate), demolishedHouseholds: stats.demolishedHouseholds,
    fourNoFound: stats.fourNoFound, fourNoRectified: stats.fourNoRectified, rectificationRate: rate(stats.rectificationRate), behind: stats.behindMilestone ? '滞后于节点' : '达到节点',
  };
}

const ZONE_COLUMNS: LedgerColumn[] = [
  { key: 'name', label: '改造区块', kind: 'text' },
  { key: 'zoneType', label: '类型', kind: 'text' },
  { key: 'township', label: '乡镇', kind: 'text' },
  { key: 'zoneArea', label: '区块面积（m²）', kind: 'number', decimals: 0, balanced: true },
  { key: 'zoneAreaMu', label: '区块面积（亩）', kind: 'number', decimals: 2, balanced: true },
  { key: 'violationCount', label: '区内违建（宗）', kind: 'number', decimals: 0, balanced: true },
  { key: 'violationArea', label: '区内违建面积（m²）', kind: 'number', decimals: 0, balanced: true },
  { key: 'demolishedArea', label: '已拆除面积（m²）', kind: 'number', decimals: 0, balanced: true },
  { key: 'remainingArea', label: '剩余面积（m²）', kind: 'number', decimals: 0, balanced: true },
  { key: 'target', label: '目标拆除面积（m²）', kind: 'number', decimals: 0, balanced: true },
  { key: 'households', label: '城中村户数', kind: 'number', decimals: 0, balanced: true },
  { key: 'expropriatedHouseholds', label: '征收（户）', kind: 'number', decimals: 0, balanced: true },
  { key: 'signedHouseholds', label: '签约（户）', kind: 'number', decimals: 0, balanced: true },
  { key: 'signingRate', label: '签约率', kind: 'rate', totalRateOf: ['signedHouseholds', 'households'] },
  { key: 'vacatedHouseholds', label: '腾空（户）', kind: 'number', decimals: 0, balanced: true },
  { key: 'vacatingRate', label: '腾空率', kind: 'rate', totalRateOf: ['vacatedHouseholds', 'households'] },
  { key: 'demolishedHouseholds', label: '拆除数（户）', kind: 'number', decimals: 0, balanced: true },
  { key: 'fourNoFound', label: '四无排查（家）', kind: 'number', decimals: 0, balanced: true },
  { key: 'fourNoRectified', label: '四无整治（家）', kind: 'number', decimals: 0, balanced: true },
  { key: 'rectificationRate', label: '四无整治率', kind: 'rate', totalRateOf: ['fourNoRectified', 'fourNoFound'] },
  ...VIOLATION_STATUSES.flatMap((status): LedgerColumn[] => [
    { key: `status-count-${status}`, label: `${status}宗数`, kind: 'number', decimals: 0, balanced: true },
    { key: `status-area-${status}`, label: `${status}区内面积（m²）`, kind: 'number', decimals: 0, balanced: true },
  ]),
  ...BUILDING_TYPES.flatMap((type): LedgerColumn[] => [
    { key: `type-count-${type}`, label: `${type}宗数`, kind: 'number', decimals: 0, balanced: true },
    { key: `type-area-${type}`, label: `${type}区内面积（m²）`, kind: 'number', decimals: 0, balanced: true },
  ]),
];

/**
 * The zone's 城中村, 四无, by-status and by-建筑类型 columns (null while it has no figures). Their
 * labels stay distinct from the other columns' up to the unit and within the 10 bytes of a
 * Shapefile field name (发现宗数, 发现区内面积 → 发现区内).
 */
function zoneFigureValues(stats: ZoneFigures | undefined): Record<string, LedgerValue> {
  const values: Record<string, LedgerValue> = {
    households: stats?.village.households ?? null, expropriatedHouseholds: stats?.village.expropriatedHouseholds ?? null,
    signedHouseholds: stats?.village.signedHouseholds ?? null, signingRate: stats?.village.signingRate ?? null,
    vacatedHouseholds: stats?.village.vacatedHouseholds ?? null, vacatingRate: stats?.village.vacatingRate ?? null,
    demolishedHouseholds: stats?.village.demolishedHouseholds ?? null,
    fourNoFound: stats?.fourNo.found ?? null, fourNoRectified: stats?.fourNo.rectified ?? null, rectificationRate: stats?.fourNo.rectificationRate ?? null,
  };
  for (const status of VIOLATION_STATUSES) {
    values[`status-count-${status}`] = stats?.countByStatus[status] ?? null;
    values[`status-area-${status}`] = stats?.areaByStatusSquareMeters[status] ?? null;
  }
  for (const type of BUILDING_TYPES) {
    values[`type-count-${type}`] = stats?.countByBuildingType[type] ?? null;
    values[`type-area-${type}`] = stats?.areaByBuildingTypeSquareMeters[type] ?? null;
  }
  return values;
}

const VIOLATION_COLUMNS: LedgerColumn[] = [
  { key: 'code', label: '图斑编号', kind: 'text' },
  { key: 'township', label: '乡镇', kind: 'text' },
  { key: 'village', label: '村', kind: 'text' },
  { key: 'buildingType', label: '建筑类型', kind: 'text' },
  { key: 'status', label: '状态', kind: 'text' },
  { key: 'origin', label: '来源', kind: 'text' },
  { key: 'disposalClass', label: '分类处置', kind: 'text' },
  { key: 'ownerName', label: '当事人', kind: 'text' },
  { key: 'yearBuilt', label: '建成年份', kind: 'text' },
  { key: 'area', label: '面积（m²）', kind: 'number', decimals: 2, balanced: true },
];

const RANKING_COLUMNS: LedgerColumn[] = [
  { key: 'rank', label: '名次', kind: 'number', decimals: 0 },
  { key: 'name', label: '乡镇', kind: 'text' },
  { key: 'completionRate', label: '完成率', kind: 'rate' },
  { key: 'previousRank', label: '上周名次', kind: 'number', decimals: 0 },
  { key: 'change', label: '升降', kind: 'text' },
  { key: 'board', label: '红黄榜', kind: 'text' },
];

function rankingChange(entry: RankingEntry): string {
  if (entry.rankChange === null) return '—';
  if (entry.rankChange > 0) return `↑${entry.rankChange}`;
  if (entry.rankChange < 0) return `↓${-entry.rankChange}`;
  return '持平';
}

function matches(row: LedgerRow, filter: LedgerFilter): boolean {
  if (filter.townshipId && row.townshipId !== filter.townshipId) return false;
  if (filter.status && row.values['status'] !== undefined && row.values['status'] !== filter.status) return false;
  const query = filter.query.trim();
  if (!query) return true;
  return Object.values(row.values).some((value) => typeof value === 'string' && value.includes(query));
}

/** Rounds the number columns of the rows (balanced ones with 强制调平) and builds the total row. */
function finishTable(table: Omit<LedgerTable, 'total'>, withTotal: boolean, totalLabelKey: string): LedgerTable {
  const rows = table.rows.map((row) => ({ ...row, values: { ...row.values } }));
  const total: LedgerRow = { id: 'total', layerId: null, townshipId: '', values: { [totalLabelKey]: '合计' } };
  for (const column of table.columns) {
    if (column.kind !== 'number') continue;
    const decimals = column.decimals ?? 0;
    const raw = rows.map((row) => row.values[column.key]);
    const numbers = raw.map((value) => (typeof value === 'number' ? value : 0));
    const rounded = column.balanced ? balancedRound(numbers, decimals) : numbers.map((value) => Math.round(value * 10 ** decimals) / 10 ** decimals);
    rows.forEach((row, index) => { if (typeof raw[index] === 'number') row.values[column.key] = rounded[index] as number; });
    if (column.balanced) total.values[column.key] = Math.round(numbers.reduce((sum, value) => sum + value, 0) * 10 ** decimals) / 10 ** decimals;
  }
  for (const column of table.columns) {
    if (!column.totalRateOf) continue;
    const [numerator, denominator] = column.totalRateOf.map((key) => total.values[key]);
    if (typeof numerator === 'number' && typeof denominator === 'number' && denominator > 0) total.values[column.key] = numerator / denominator;
  }
  return { ...table, rows, total: withTotal && rows.length > 0 ? total : null };
}

export interface LedgerInput {
  records: ProjectRecords;
  /** Per-zone figures (`selectZoneFigures`: the statistics worker's, with 城中村 and 四无). */
  zoneStatistics: readonly ZoneFigures[];
  isoDate: string;
  filter: LedgerFilter;
}

function nameLookup(records: { id: string; properties: { name: string } }[]): (id: string) => string {
  const names = new Map(records.map((record) => [record.id, record.properties.name]));
  return (id) => names.get(id) ?? (id || '—');
}

/** All four ledger tables for the current records and filter. */
export function buildLedgerTables(input: LedgerInput): Record<LedgerTableId, LedgerTable> {
  const { records, filter } = input;
  const township = nameLookup(records.townships);
  const village = nameLookup(records.villages);
  const rollup = computeTownshipStatistics(records, input.isoDate);
  const townshipRows = rollup.townships.map((stats) => ({ id: stats.townshipId, layerId: 'townships' as const, townshipId: stats.townshipId, values: townshipValues(stats) }));
  const ranking = rankTownships(rollup.townships, records.snapshots, records.targets).map((entry) => ({
    id: entry.townshipId, layerId: 'townships' as const, townshipId: entry.townshipId,
    values: { rank: entry.rank, name: entry.name, completionRate: entry.completionRate, previousRank: entry.previousRank, change: rankingChange(entry), board: entry.board === 'red' ? '红榜' : entry.board === 'yellow' ? '黄榜' : '' },
  }));
  const zoneStatistics = new Map(input.zoneStatistics.map((stats) => [stats.zoneId, stats]));
  const zoneRows = records.zones.map((zone) => {
    const stats = zoneStatistics.get(zone.id);
    return {
      id: zone.id, layerId: 'zones' as const, townshipId: zone.properties.townshipId,
      values: {
        name: zone.properties.name, zoneType: zone.properties.zoneType, township: township(zone.properties.townshipId),
        zoneArea: stats?.zoneAreaSquareMeters ?? null, zoneAreaMu: stats ? (stats.zoneAreaSquareMeters * 15) / 10000 : null,
        violationCount: stats?.violationCount ?? null, violationArea: stats?.violationAreaSquareMeters ?? null,
        demolishedArea: stats?.demolishedAreaSquareMeters ?? null, remainingArea: stats?.remainingAreaSquareMeters ?? null,
        target: zone.properties.targetDemolitionSquareMeters,
        ...zoneFigureValues(stats),
      },
    };
  });
  const violationRows = records.violations.map((violation) => {
    const properties = violation.properties;
    return {
      id: violation.id, layerId: 'violations' as const, townshipId: properties.townshipId,
      values: {
        code: properties.code, township: township(properties.townshipId), village: village(properties.villageId), buildingType: properties.buildingType,
        status: properties.status, origin: properties.origin, disposalClass: properties.disposalClass ?? '', ownerName: properties.ownerName,
        yearBuilt: String(properties.yearBuilt), area: properties.areaSquareMeters,
      },
    };
  });
  return {
    townships: finishTable({ id: 'townships', title: '乡镇统计', columns: TOWNSHIP_COLUMNS, rows: townshipRows.filter((row) => matches(row, { ...filter, status: null })) }, true, 'name'),
    ranking: finishTable({ id: 'ranking', title: '动态排名', columns: RANKING_COLUMNS, rows: ranking.filter((row) => matches(row, { ...filter, status: null })) }, false, 'name'),
    zones: finishTable({ id: 'zones', title: '改造区块统计', columns: ZONE_COLUMNS, rows: zoneRows.filter((row) => matches(row, { ...filter, status: null })) }, true, 'name'),
    violations: finishTable({ id: 'violations', title: '违建台账', columns: VIOLATION_COLUMNS, rows: violationRows.filter((row) => matches(row, filter)) }, true, 'code'),
  };
}

/** Sorts rows by a column (numbers numerically, text by Chinese collation); nulls last. */
export function sortRows(rows: readonly LedgerRow[], key: string, direction: 'asc' | 'desc'): LedgerRow[] {
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = a.values[key] ?? null;
    const right = b.values[key] ?? null;
    if (left === null || right === null) return left === right ? 0 : left === null ? 1 : -1;
    if (typeof left === 'number' && typeof right === 'number') return (left - right) * sign;
    return collator.compare(String(left), String(right)) * sign;
  });
}

/** The table as a spreadsheet sheet: the same rounded values, the total row last. */
export function ledgerSheet(table: LedgerTable): Sheet {
  const rows = table.total ? [...table.rows, table.total] : table.rows;
  return {
    name: table.title,
    columns: table.columns.map((column) => ({
      header: column.label,
      numberFormat: column.kind === 'rate' ? '0.0%' : column.kind === 'number' ? (column.decimals ? `#,##0.${'0'.repeat(column.decimals)}` : '#,##0') : null,
    })),
    rows: rows.map((row) => table.columns.map((column) => row.values[column.key] ?? null)),
  };
}

/** How a value is shown on screen (and in CSV for rates): numbers with their decimals, rates in %. */
export function formatLedgerValue(column: LedgerColumn, value: LedgerValue | undefined): string {
  if (value === null || value === undefined || value === '') return column.kind === 'text' ? '' : '—';
  if (column.kind === 'rate' && typeof value === 'number') return `${(value * 100).toFixed(1)}%`;
  if (column.kind === 'number' && typeof value === 'number') {
    const decimals = column.decimals ?? 0;
    return value.toLocaleString('zh-CN', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  }
  return String(value);
}
