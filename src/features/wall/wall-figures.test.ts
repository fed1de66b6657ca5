import { describe, expect, test } from 'vitest';
import sample from '../../../data/sample-county.json';
import type { Violation } from '../../domain/records';
import { EMPTY_FILTER, buildLedgerTables, formatLedgerValue, type LedgerTable } from '../../state/ledger-tables';
import type { ProjectRecords } from '../../state/project-state';
import { computeWallFigures, farmlandFromParcels, milestoneSteps, roundLikeLedger, type WallKpi } from './wall-figures';

const ISO_DATE = '2026-11-21';
const NO_FARMLAND = farmlandFromParcels([]);

function createRecords(): ProjectRecords {
  return structuredClone(sample as unknown as ProjectRecords);
}

/** The ledger's total row of the township table, formatted as the screen shows it. */
function ledgerTotals(records: ProjectRecords): Record<string, string> {
  const table: LedgerTable = buildLedgerTables({ records, zoneStatistics: [], isoDate: ISO_DATE, filter: EMPTY_FILTER }).townships;
  return Object.fromEntries(table.columns.map((column) => [column.key, formatLedgerValue(column, table.total?.values[column.key])]));
}

function kpi(kpis: readonly WallKpi[], name: string): WallKpi {
  const found = kpis.find((entry) => entry.name === name);
  if (!found) throw new Error(`no KPI ${name}`);
  return found;
}

function expectLedgerFigures(records: ProjectRecords): void {
  const { kpis } = computeWallFigures(records, ISO_DATE, NO_FARMLAND);
  const totals = ledgerTotals(records);
  expect({
    demolition: kpi(kpis, 'demolition').text, week: kpi(kpis, 'week').text, remaining: kpi(kpis, 'remaining').text,
    signing: kpi(kpis, 'signing').text, villageDemolished: kpi(kpis, 'village-demolished').text, fourNo: kpi(kpis, 'four-no').text,
    target: kpi(kpis, 'demolition').details[0],
  }).toEqual({
    demolition: totals['demolishedArea'], week: totals['weekChange'], remaining: totals['remainingArea'],
    signing: totals['signingRate'], villageDemolished: totals['demolishedHouseholds'], fourNo: totals['rectificationRate'],
    target: `年度目标 ${totals['target']} 万m²，完成 ${totals['completionRate']}`,
  });
}

describe('wall figures equal the ledger', () => {
  test('on the sample county', () => {
    expectLedgerFigures(createRecords());
  });

  test('after edits that move areas onto rounding boundaries', () => {
    const records = createRecords();
    // Scale every area by an odd factor and demolish a slice today, so sums land on new decimals.
    records.violations = records.violations.map((violation, index): Violation => {
      const properties = { ...violation.properties, areaSquareMeters: violation.properties.areaSquareMeters * 1.0037 };
      if (index % 7 === 0 && properties.status === '处置中') {
        properties.status = '已拆除';
        properties.statusDates = { ...properties.statusDates, 已拆除: ISO_DATE };
      }
      return { ...violation, properties };
    });
    expectLedgerFigures(records);
  });

  test('the ranking is the ledger ranking, with its rates and boards', () => {
    const records = createRecords();
    const tables = buildLedgerTables({ records, zoneStatistics: [], isoDate: ISO_DATE, filter: EMPTY_FILTER });
    const rateColumn = tables.ranking.columns.find((column) => column.key === 'completionRate')!;
    const ledger = tables.ranking.rows.map((row) => [row.values['rank'], row.values['name'], formatLedgerValue(rateColumn, row.values['completionRate']), row.values['board']]);
    const wall = computeWallFigures(records, ISO_DATE, NO_FARMLAND).ranking.map((row) => [row.rank, row.name, row.rateText, row.board === 'red' ? '红榜' : row.board === 'yellow' ? '黄榜' : '']);
    expect(wall).toEqual(ledger);
  });
});

describe('trend and milestone line', () => {
  test('one point per snapshot week, then the live figure of today', () => {
    const records = createRecords();
    const figures = computeWallFigures(records, ISO_DATE, NO_FARMLAND);
    const weeks = new Set(records.snapshots.map((snapshot) => snapshot.weekEnding));
    expect(figures.trend.filter((point) => !point.live).length).toBe(weeks.size);
    const live = figures.trend.at(-1)!;
    expect(live).toMatchObject({ date: ISO_DATE, live: true, demolishedSquareMeters: figures.county.demolishedAreaSquareMeters });
    for (let index = 1; index < figures.trend.length; index++) expect(figures.trend[index]!.date > figures.trend[index - 1]!.date).toBe(true);
  });

  test('the milestone steps up the day after a quarterly deadline', () => {
    const steps = milestoneSteps([
      { date: '2026-09-25', demolishedSquareMeters: 0, milestoneSquareMeters: 0, live: false },
      { date: '2026-10-09', demolishedSquareMeters: 0, milestoneSquareMeters: 0, live: false },
    ], 1000);
    expect(steps).toEqual([
      { date: '2026-09-25', squareMeters: 600 },
      { date: '2026-10-01', squareMeters: 600 },
      { date: '2026-10-01', squareMeters: 800 },
      { date: '2026-10-09', squareMeters: 800 },
    ]);
    expect(milestoneSteps([], 1000)).toEqual([]);
  });
});

describe('farmland (垦造耕地)', () => {
  test('no land-use parcels: zero and an honest note', () => {
    const farmland = kpi(computeWallFigures(createRecords(), ISO_DATE, NO_FARMLAND).kpis, 'farmland');
    expect(farmland).toMatchObject({ value: 0, text: '0.00', unit: '亩', details: ['尚无拆后土地利用规划数据'] });
  });

  test('sums only the 耕 parcels, in 亩', () => {
    const figure = farmlandFromParcels([
      { properties: { landUseClass: '耕', areaSquareMeters: 10000 } },
      { properties: { landUseClass: '建', areaSquareMeters: 5000 } },
      { properties: { landUseClass: '耕', areaSquareMeters: 'x' } },
      null,
    ]);
    expect(figure).toEqual({ parcelCount: 4, farmlandParcelCount: 2, areaSquareMeters: 10000 });
    expect(kpi(computeWallFigures(createRecords(), ISO_DATE, figure).kpis, 'farmland').text).toBe('15.00');
  });
});

test('roundLikeLedger rounds half away from zero at the given decimals', () => {
  expect(roundLikeLedger(1.005 * 1000, 0)).toBe(1005);
  expect(roundLikeLedger(79.456, 2)).toBe(79.46);
});
