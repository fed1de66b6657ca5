import { describe, expect, it } from 'vitest';
import sample from '../../data/sample-county.json';
import { booleanPointInPolygon } from '@turf/turf';
import { computeZoneStatistics } from '../geo/zone-statistics';
import { EMPTY_FILTER, buildLedgerTables, ledgerSheet, sortRows } from './ledger-tables';
import type { ProjectRecords } from './project-state';
import { selectZoneFigures } from './zone-statistics';

const records = sample as unknown as ProjectRecords;
const engineStatistics = computeZoneStatistics(records.zones, records.violations);
const zoneStatistics = selectZoneFigures(records, {
  byZoneId: new Map(engineStatistics.map((entry) => [entry.zoneId, entry])), zones: records.zones, violations: records.violations, pending: false, generation: 1, failure: null,
});

function createTables(filter = EMPTY_FILTER) {
  return buildLedgerTables({ records, zoneStatistics, isoDate: '2026-11-21', filter });
}

describe('ledger tables (sample county)', () => {
  it('balances every area column so the rows add up exactly to the total row', () => {
    const tables = createTables();
    for (const table of [tables.townships, tables.zones, tables.violations]) {
      for (const column of table.columns.filter((entry) => entry.balanced)) {
        const decimals = column.decimals ?? 0;
        const sum = table.rows.reduce((total, row) => total + ((row.values[column.key] as number | null) ?? 0), 0);
        expect(Math.round(sum * 10 ** decimals)).toBe(Math.round((table.total!.values[column.key] as number) * 10 ** decimals));
      }
    }
  });

  it('shows per-zone figures equal to the statistics, rounded', () => {
    const tables = createTables();
    const first = zoneStatistics[0]!;
    const row = tables.zones.rows.find((entry) => entry.id === first.zoneId)!;
    expect(Math.abs((row.values['demolishedArea'] as number) - first.demolishedAreaSquareMeters)).toBeLessThanOrEqual(1);
  });

  it('carries each zone\'s 四无 units, 城中村 households and violations by status and 建筑类型', () => {
    const tables = createTables();
    let unitsSeen = 0;
    for (const zone of records.zones) {
      const row = tables.zones.rows.find((entry) => entry.id === zone.id)!;
      const units = records.fourNoUnits.filter((unit) => booleanPointInPolygon(unit.geometry.coordinates, zone.geometry));
      unitsSeen += units.length;
      expect(row.values['fourNoFound']).toBe(units.length);
      expect(row.values['fourNoRectified']).toBe(units.filter((unit) => unit.properties.rectifiedOn).length);
      const statistics = engineStatistics.find((entry) => entry.zoneId === zone.id)!;
      expect(row.values['status-count-已拆除']).toBe(statistics.countByStatus['已拆除']);
      expect(row.values['type-count-住宅']).toBe(statistics.countByBuildingType['住宅']);
    }
    expect(unitsSeen).toBeGreaterThan(0);
    const blocks = tables.zones.rows.reduce((sum, row) => sum + ((row.values['households'] as number | null) ?? 0), 0);
    expect(tables.zones.total!.values['households']).toBe(blocks);
    const signed = tables.zones.total!.values['signedHouseholds'] as number;
    if (blocks > 0) expect(tables.zones.total!.values['signingRate']).toBe(signed / blocks);
  });

  it('names the zone figure columns distinctly up to the unit (exports key on that)', () => {
    const labels = createTables().zones.columns.map((column) => column.label.split('（')[0]!);
    const added = labels.slice(labels.indexOf('城中村户数'));
    for (const label of added) expect(labels.filter((other) => other === label)).toEqual([label]);
    expect(added.length).toBeGreaterThan(30);
  });

  it('filters by township, status and text, and the total follows the filter', () => {
    const township = records.townships[0]!;
    const tables = createTables({ query: '', townshipId: township.id, status: '已拆除' });
    expect(tables.violations.rows.length).toBe(records.violations.filter((v) => v.properties.townshipId === township.id && v.properties.status === '已拆除').length);
    const code = records.violations[10]!.properties.code;
    expect(createTables({ ...EMPTY_FILTER, query: code }).violations.rows.map((row) => row.id)).toEqual([records.violations[10]!.id]);
  });

  it('ranks every township with a target, best first', () => {
    const ranking = createTables().ranking.rows;
    expect(ranking.length).toBe(records.townships.length);
    const rates = ranking.map((row) => row.values['completionRate'] as number);
    expect([...rates].sort((a, b) => b - a)).toEqual(rates);
  });

  it('sorts numbers numerically and exports the same values it shows', () => {
    const tables = createTables();
    const sorted = sortRows(tables.zones.rows, 'violationArea', 'desc');
    const areas = sorted.map((row) => row.values['violationArea'] as number);
    expect([...areas].sort((a, b) => b - a)).toEqual(areas);
    const sheet = ledgerSheet(tables.townships);
    expect(sheet.rows.length).toBe(tables.townships.rows.length + 1);
    expect(sheet.rows[0]![2]).toBe(tables.townships.rows[0]!.values['violationArea']);
  });
});
