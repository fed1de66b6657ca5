/**
 * The figures of the wall screen, from the same roll-up the ledger uses
 * (`computeTownshipStatistics`, county totals) and rounded by the ledger's rules: areas in 万m² to
 * two decimals, counts to integers, rates as `formatLedgerValue` shows them (0.1 %), and the
 * completion rate of a total as the ratio of the rounded totals (as the ledger's total row does).
 * Pure: records and a date in, plain data out.
 */
import { squareMetersToMu, squareMetersToWan } from '../../domain/area-units';
import { QUARTER_MILESTONES, milestoneAhead, milestonePassed } from '../../domain/milestones';
import { rankTownships } from '../../domain/ranking';
import type { Snapshot } from '../../domain/records';
import { computeTownshipStatistics, type TownshipStatistics } from '../../domain/township-statistics';
import { formatLedgerValue, type LedgerColumn } from '../../state/ledger-tables';
import { newViolationKpi } from '../../state/campaign-tables';
import type { ProjectRecords } from '../../state/project-state';

export type KpiTone = 'good' | 'warning' | 'bad' | 'neutral';

export interface WallKpi {
  /** Test id suffix: `wall-kpi-<name>`. */
  name: string;
  label: string;
  /** The raw figure: m², a count, or a rate 0…1; null when there is nothing to show. */
  value: number | null;
  /** The figure as shown (rounded like the ledger). */
  text: string;
  unit: string;
  details: string[];
  tone: KpiTone;
  /** Progress bar: share reached (0…1, may exceed 1) and an optional marker (e.g. the milestone due). */
  progress: { share: number; marker: number | null; markerLabel: string | null } | null;
  /** Extra raw figures carried as data attributes, e.g. `{ target: 800000 }`. */
  data: Record<string, number | string | null>;
}

/**
 * 垦造耕地 from the stored 拆后土地利用 parcels (kind `landUseParcels`, attributes per the automation
 * contract: `landUseClass` 耕/建/绿, `areaSquareMeters`).
 */
export interface FarmlandFigure {
  /** All stored land-use parcels; 0 means no land-use plan exists yet. */
  parcelCount: number;
  /** Parcels whose class is 耕. */
  farmlandParcelCount: number;
  areaSquareMeters: number;
}

/** Sums the 耕 parcels among stored records; records without a numeric area count with 0 m². */
export function farmlandFromParcels(records: readonly unknown[]): FarmlandFigure {
  let farmlandParcelCount = 0;
  let areaSquareMeters = 0;
  for (const record of records) {
    const properties = (record as { properties?: Record<string, unknown> } | null)?.properties;
    if (properties?.['landUseClass'] !== '耕') continue;
    farmlandParcelCount += 1;
    const area = properties['areaSquareMeters'];
    if (typeof area === 'number' && Number.isFinite(area)) areaSquareMeters += area;
  }
  return { parcelCount: records.length, farmlandParcelCount, areaSquareMeters };
}

const WAN: LedgerColumn = { key: 'wan', label: '', kind: 'number', decimals: 2 };
const COUNT: LedgerColumn = { key: 'count', label: '', kind: 'number', decimals: 0 };
const RATE: LedgerColumn = { key: 'rate', label: '', kind: 'rate' };

/** Rounded like a balanced ledger column's total: `Math.round(value × 10^decimals) / 10^decimals`. */
export function roundLikeLedger(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** An area in 万m², rounded to two decimals and formatted as the ledger shows it. */
export function wanText(areaSquareMeters: number | null): string {
  return formatLedgerValue(WAN, areaSquareMeters === null ? null : roundLikeLedger(squareMetersToWan(areaSquareMeters), 2));
}

export function countText(count: number | null): string {
  return formatLedgerValue(COUNT, count);
}

export function rateText(rate: number | null): string {
  return formatLedgerValue(RATE, rate);
}

/** The ledger's total-row rate: the ratio of the two totals after each is rounded to `decimals` in 万m². */
export function totalRateOfAreas(numeratorSquareMeters: number, denominatorSquareMeters: number): number | null {
  const denominator = roundLikeLedger(squareMetersToWan(denominatorSquareMeters), 2);
  return denominator > 0 ? roundLikeLedger(squareMetersToWan(numeratorSquareMeters), 2) / denominator : null;
}

function demolitionKpi(county: TownshipStatistics, isoDate: string): WallKpi {
  const due = milestonePassed(isoDate);
  const ahead = milestoneAhead(isoDate);
  const completion = totalRateOfAreas(county.demolishedAreaSquareMeters, county.targetSquareMeters);
  const gap = county.milestoneSquareMeters - county.demolishedAreaSquareMeters;
  const milestoneLine = due
    ? `应完成节点（${due.label} ${Math.round(due.share * 100)}%）${wanText(county.milestoneSquareMeters)} 万m²，${county.behindMilestone ? `滞后 ${wanText(gap)} 万m²` : '已达到'}`
    : `下一节点：${ahead.label}前完成 ${Math.round(ahead.share * 100)}%`;
  return {
    name: 'demolition', label: '年内拆违面积', value: county.demolishedAreaSquareMeters, text: wanText(county.demolishedAreaSquareMeters), unit: '万m²',
    details: [`年度目标 ${wanText(county.targetSquareMeters)} 万m²，完成 ${rateText(completion)}`, milestoneLine],
    tone: county.targetSquareMeters === 0 ? 'neutral' : county.behindMilestone ? 'bad' : 'good',
    progress: county.targetSquareMeters > 0 ? { share: county.demolishedAreaSquareMeters / county.targetSquareMeters, marker: due?.share ?? null, markerLabel: due?.label ?? null } : null,
    data: { target: county.targetSquareMeters, milestone: county.milestoneSquareMeters, completionRate: completion, behind: county.behindMilestone ? 'true' : 'false' },
  };
}

function latestWeek(snapshots: readonly Snapshot[]): string | null {
  let latest: string | null = null;
  for (const snapshot of snapshots) if (latest === null || snapshot.weekEnding > latest) latest = snapshot.weekEnding;
  return latest;
}

function weekKpi(county: TownshipStatistics, snapshots: readonly Snapshot[]): WallKpi {
  const week = latestWeek(snapshots);
  const change = county.weekChangeSquareMeters;
  return {
    name: 'week', label: '本周拆除', value: change, text: wanText(change), unit: '万m²',
    details: change === null ? ['尚无两期周进度快照'] : [`周通报截至 ${week}`, `较上周累计 ${change >= 0 ? '增加' : '减少'} ${wanText(Math.abs(change))} 万m²`],
    tone: change === null ? 'neutral' : change > 0 ? 'good' : 'warning', progress: null, data: { weekEnding: week },
  };
}

function villageKpis(county: TownshipStatistics): WallKpi[] {
  return [
    {
      name: 'signing', label: '城中村签约率', value: county.signingRate, text: rateText(county.signingRate), unit: '',
      details: [`已签约 ${countText(county.signedHouseholds)} / ${countText(county.households)} 户`, `已腾空 ${countText(county.vacatedHouseholds)} 户`],
      tone: 'neutral', progress: county.signingRate === null ? null : { share: county.signingRate, marker: null, markerLabel: null },
      data: { signed: county.signedHouseholds, households: county.households },
    },
    {
      name: 'village-demolished', label: '城中村拆除数', value: county.demolishedHouseholds, text: countText(county.demolishedHouseholds), unit: '户',
      details: [`征收范围 ${countText(county.expropriatedHouseholds)} 户`, `拆除占总户数 ${rateText(county.households > 0 ? county.demolishedHouseholds / county.households : null)}`],
      tone: 'neutral', progress: null, data: { households: county.households },
    },
  ];
}

/** 新增违建零增长: 新增 found this week (value) against last week; good only at zero. */
function newViolationWallKpi(records: Pick<ProjectRecords, 'violations'>, isoDate: string): WallKpi {
  const { weeks, trend } = newViolationKpi(records, isoDate);
  return {
    name: 'new-violations', label: '本周新增违建', value: trend.thisWeek, text: countText(trend.thisWeek), unit: '处',
    details: [`上周 ${trend.lastWeek} 处；近 ${weeks.length} 周 ${weeks.map((week) => week.count).join(' / ')}`, trend.zeroWeeks > 0 ? `已连续 ${trend.zeroWeeks} 周零新增` : '目标：新增违建零增长'],
    tone: trend.thisWeek === 0 && trend.lastWeek === 0 ? 'good' : trend.falling ? 'warning' : 'bad', progress: null,
    data: { lastWeek: trend.lastWeek, zeroWeeks: trend.zeroWeeks },
  };
}

function fourNoKpi(county: TownshipStatistics): WallKpi {
  return {
    name: 'four-no', label: '四无整治率', value: county.rectificationRate, text: rateText(county.rectificationRate), unit: '',
    details: [`排查 ${countText(county.fourNoFound)} 家（目标 ${countText(county.fourNoTarget)} 家）`, `已整治 ${countText(county.fourNoRectified)} 家`],
    tone: 'neutral', progress: county.rectificationRate === null ? null : { share: county.rectificationRate, marker: null, markerLabel: null },
    data: { found: county.fourNoFound, rectified: county.fourNoRectified, target: county.fourNoTarget },
  };
}

function parkKpi(county: TownshipStatistics): WallKpi {
  const completion = totalRateOfAreas(county.parkCompletedSquareMeters, county.parkTargetSquareMeters);
  return {
    name: 'park', label: '小微园竣工面积', value: county.parkCompletedSquareMeters, text: wanText(county.parkCompletedSquareMeters), unit: '万m²',
    details: [`年度建设目标 ${wanText(county.parkTargetSquareMeters)} 万m²，完成 ${rateText(completion)}`, `已规划 ${wanText(county.parkCapacitySquareMeters)} 万m²`],
    tone: 'neutral', progress: county.parkTargetSquareMeters > 0 ? { share: county.parkCompletedSquareMeters / county.parkTargetSquareMeters, marker: null, markerLabel: null } : null,
    data: { target: county.parkTargetSquareMeters, capacity: county.parkCapacitySquareMeters, completionRate: completion },
  };
}

function farmlandKpi(farmland: FarmlandFigure): WallKpi {
  const mu = roundLikeLedger(squareMetersToMu(farmland.areaSquareMeters), 2);
  const details = farmland.parcelCount === 0
    ? ['尚无拆后土地利用规划数据']
    : [`“耕”地块 ${countText(farmland.farmlandParcelCount)} 块，合 ${wanText(farmland.areaSquareMeters)} 万m²`, `拆后土地利用地块共 ${countText(farmland.parcelCount)} 块`];
  return {
    name: 'farmland', label: '垦造耕地', value: farmland.areaSquareMeters, text: formatLedgerValue(WAN, mu), unit: '亩',
    details, tone: 'neutral', progress: null, data: { parcels: farmland.parcelCount, farmlandParcels: farmland.farmlandParcelCount },
  };
}

function remainingKpi(county: TownshipStatistics): WallKpi {
  return {
    name: 'remaining', label: '待处置违建', value: county.remainingAreaSquareMeters, text: wanText(county.remainingAreaSquareMeters), unit: '万m²',
    details: [`${countText(county.remainingCount)} 宗未处置（发现、认定、处置中）`, `全部图斑 ${countText(county.violationCount)} 宗`],
    tone: county.remainingCount > 0 ? 'warning' : 'good', progress: null, data: { count: county.remainingCount },
  };
}

export interface RankingRow {
  townshipId: string;
  rank: number;
  name: string;
  completionRate: number;
  rateText: string;
  board: 'red' | 'yellow' | null;
  changeText: string;
}

export interface TrendPoint {
  /** ISO date (week ending, or today for the live point). */
  date: string;
  /** Cumulative demolished area this year, m². */
  demolishedSquareMeters: number;
  /** The milestone area already due on that date, m². */
  milestoneSquareMeters: number;
  live: boolean;
}

export interface WallFigures {
  county: TownshipStatistics;
  kpis: WallKpi[];
  ranking: RankingRow[];
  trend: TrendPoint[];
  /** Vertices of the milestone step line over the trend's dates. */
  milestoneLine: { date: string; squareMeters: number }[];
  targetSquareMeters: number;
  milestoneShare: number;
}

function changeText(rankChange: number | null): string {
  if (rankChange === null) return '—';
  if (rankChange > 0) return `↑${rankChange}`;
  if (rankChange < 0) return `↓${-rankChange}`;
  return '持平';
}

/**
 * The county's cumulative demolished area per snapshot week of the target year (sum of the
 * townships' snapshots), each with the milestone area due then, and the live figure today when
 * today is after the latest week.
 */
export function trendSeries(records: Pick<ProjectRecords, 'snapshots'>, county: TownshipStatistics, isoDate: string): TrendPoint[] {
  const year = isoDate.slice(0, 4);
  const byWeek = new Map<string, number>();
  for (const snapshot of records.snapshots) {
    if (!snapshot.weekEnding.startsWith(year) || snapshot.weekEnding > isoDate) continue;
    byWeek.set(snapshot.weekEnding, (byWeek.get(snapshot.weekEnding) ?? 0) + snapshot.demolishedSquareMeters);
  }
  const due = (date: string) => county.targetSquareMeters * (milestonePassed(date)?.share ?? 0);
  const points: TrendPoint[] = [...byWeek.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([date, demolished]) => ({ date, demolishedSquareMeters: demolished, milestoneSquareMeters: due(date), live: false }));
  const last = points.at(-1);
  if (!last || last.date < isoDate) points.push({ date: isoDate, demolishedSquareMeters: county.demolishedAreaSquareMeters, milestoneSquareMeters: due(isoDate), live: true });
  return points;
}

/**
 * The milestone due over the dates of the trend as the vertices of a step line: flat between
 * quarterly deadlines and jumping the day after each deadline (a deadline day itself does not
 * count as passed, as in `milestonePassed`).
 */
export function milestoneSteps(trend: readonly TrendPoint[], targetSquareMeters: number): { date: string; squareMeters: number }[] {
  const first = trend[0];
  const last = trend.at(-1);
  if (!first || !last) return [];
  const due = (date: string) => targetSquareMeters * (milestonePassed(date)?.share ?? 0);
  const vertices = [{ date: first.date, squareMeters: due(first.date) }];
  const years = new Set([first.date.slice(0, 4), last.date.slice(0, 4)]);
  const jumps = [...years].flatMap((year) => QUARTER_MILESTONES.map((milestone) => nextDay(`${year}-${milestone.deadline}`)));
  for (const jump of jumps.sort()) {
    if (jump <= first.date || jump > last.date) continue;
    const previous = vertices.at(-1) as { date: string; squareMeters: number };
    vertices.push({ date: jump, squareMeters: previous.squareMeters }, { date: jump, squareMeters: due(jump) });
  }
  vertices.push({ date: last.date, squareMeters: due(last.date) });
  return vertices;
}

function nextDay(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Everything the wall shows except the map, for the records on `isoDate`. */
export function computeWallFigures(records: ProjectRecords, isoDate: string, farmland: FarmlandFigure): WallFigures {
  const rollup = computeTownshipStatistics(records, isoDate);
  const county = rollup.county;
  const ranking = rankTownships(rollup.townships, records.snapshots, records.targets).map((entry) => ({
    townshipId: entry.townshipId, rank: entry.rank, name: entry.name, completionRate: entry.completionRate,
    rateText: rateText(entry.completionRate), board: entry.board, changeText: changeText(entry.rankChange),
  }));
  const trend = trendSeries(records, county, isoDate);
  return {
    county,
    kpis: [demolitionKpi(county, isoDate), weekKpi(county, records.snapshots), remainingKpi(county), ...villageKpis(county), fourNoKpi(county), parkKpi(county), farmlandKpi(farmland), newViolationWallKpi(records, isoDate)],
    ranking,
    trend,
    milestoneLine: milestoneSteps(trend, county.targetSquareMeters),
    targetSquareMeters: county.targetSquareMeters,
    milestoneShare: county.milestoneShare,
  };
}
