import { describe, expect, it } from 'vitest';
import type { IndustrialBlock, Township, VillageBlock } from '../domain/records';
import { createRectangleRing, createViolation, createZone } from '../geo/test-fixtures';
import { computeZoneStatistics } from '../geo/zone-statistics';
import { createEmptyRecords, type ProjectRecords } from './project-state';
import { selectTownshipContaining, selectZoneDetails, zoneBreakdown } from './zone-details';
import { selectZoneFigures, type ZoneFigures } from './zone-statistics';

/** The zone's figures as the statistics engine would give them (computed in-process here). */
function figuresOf(records: ProjectRecords, zoneId: string): ZoneFigures | null {
  const statistics = computeZoneStatistics(records.zones, records.violations);
  const snapshot = { byZoneId: new Map(statistics.map((entry) => [entry.zoneId, entry])), zones: records.zones, violations: records.violations, pending: false, generation: 1, failure: null };
  return selectZoneFigures(records, snapshot).find((entry) => entry.zoneId === zoneId) ?? null;
}

function createVillageBlock(id: string, ring: ReturnType<typeof createRectangleRing>): VillageBlock {
  return {
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] },
    properties: { name: `城中村 ${id}`, townshipId: 't-1', villageId: 'v-1', households: 10, expropriatedHouseholds: 0, signedHouseholds: 0, vacatedHouseholds: 0, demolishedHouseholds: 0, areaSquareMeters: 0 },
  };
}

function createIndustrialBlock(id: string, ring: ReturnType<typeof createRectangleRing>): IndustrialBlock {
  return { type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [ring] }, properties: { name: `工业 ${id}`, townshipId: 't-1', enterpriseCount: 3, areaSquareMeters: 0 } };
}

/** A 200 m zone with one violation inside, one across its edge, a block inside, a block across, and a neighbour overlapping 20 m. */
function createRecords(): ProjectRecords {
  const records = createEmptyRecords();
  records.zones = [createZone('zone-a', [createRectangleRing(0, 0, 200, 200)]), createZone('zone-b', [createRectangleRing(180, 0, 300, 200)])];
  records.violations = [
    createViolation('inside', [createRectangleRing(10, 10, 20, 20)]),
    createViolation('across', [createRectangleRing(-5, 50, 5, 60)]),
    createViolation('far', [createRectangleRing(500, 500, 510, 510)]),
  ];
  records.villageBlocks = [createVillageBlock('vb-in', createRectangleRing(20, 20, 80, 80)), createVillageBlock('vb-across', createRectangleRing(150, 150, 250, 250))];
  records.industrialBlocks = [createIndustrialBlock('ib-far', createRectangleRing(400, 0, 450, 50))];
  const township: Township = { type: 'Feature', id: 't-1', geometry: { type: 'Polygon', coordinates: [createRectangleRing(-1000, -1000, 1000, 1000)] }, properties: { name: '灵溪镇', code: '1' } };
  records.townships = [township];
  return records;
}

describe('selectZoneDetails', () => {
  it('lists what the zone covers wholly and partly, and its overlap with other zones', () => {
    const records = createRecords();
    const details = selectZoneDetails(records, 'zone-a', figuresOf(records, 'zone-a'));
    if (!details) throw new Error('no details');
    expect(details.violations).toEqual({ whollyCount: 1, partlyCount: 1, whollyNames: ['WJ-inside'], partlyNames: ['WJ-across'] });
    expect(details.villageBlocks).toEqual({ whollyCount: 1, partlyCount: 1, whollyNames: ['城中村 vb-in'], partlyNames: ['城中村 vb-across'] });
    expect(details.industrialBlocks).toEqual({ whollyCount: 0, partlyCount: 0, whollyNames: [], partlyNames: [] });
    expect(details.overlaps.map((overlap) => overlap.name)).toEqual(['区块 zone-b']);
    expect(details.overlapAreaSquareMeters).toBeGreaterThan(20 * 200 * 0.99);
    expect(details.overlapAreaSquareMeters).toBeLessThan(20 * 200 * 1.01);
    expect(details.perimeterMeters).toBeGreaterThan(790);
    expect(details.perimeterMeters).toBeLessThan(810);
    expect(details.statistics?.violationCount).toBe(2);
    // vb-in (60 × 60 m) lies wholly in zone-a; vb-across has a quarter in zone-a: not attributed.
    expect(details.statistics?.village.blockIds).toEqual(['vb-in']);
    expect(details.statistics?.village.households).toBe(10);
  });

  it('is memoised on the records and recomputed when the zone changes', () => {
    const records = createRecords();
    const figures = figuresOf(records, 'zone-a');
    const first = selectZoneDetails(records, 'zone-a', figures);
    expect(selectZoneDetails(records, 'zone-a', figures)).toBe(first);
    const moved = { ...records, zones: [createZone('zone-a', [createRectangleRing(1000, 1000, 1100, 1100)]), ...records.zones.slice(1)] };
    expect(selectZoneDetails(moved, 'zone-a', figuresOf(moved, 'zone-a'))?.violations.whollyCount).toBe(0);
    expect(selectZoneDetails(records, 'missing', null)).toBeNull();
  });

  it('finds the township of a new zone', () => {
    const records = createRecords();
    expect(selectTownshipContaining(records, records.zones[0]!.geometry)).toBe('t-1');
    expect(selectTownshipContaining(records, { type: 'Polygon', coordinates: [createRectangleRing(5000, 5000, 5100, 5100)] })).toBeNull();
  });
});

describe('zoneBreakdown', () => {
  it('lists statuses and 建筑类型 with violations, areas balanced to the rounded total', () => {
    const records = createRecords();
    records.violations = [
      createViolation('a', [createRectangleRing(10, 10, 20.3, 20)]),
      createViolation('b', [createRectangleRing(30, 10, 40.3, 20)], { status: '处置中' }),
      createViolation('c', [createRectangleRing(50, 10, 60.3, 20)], { status: '处置中' }),
    ];
    records.violations[2]!.properties.buildingType = '厂房';
    const statistics = figuresOf(records, 'zone-a');
    if (!statistics) throw new Error('no figures');
    const byStatus = zoneBreakdown(statistics, 'status');
    expect(byStatus.rows.map((row) => [row.key, row.count])).toEqual([['认定', 1], ['处置中', 2]]);
    expect(byStatus.totalAreaSquareMeters).toBe(Math.round(statistics.violationAreaSquareMeters));
    const byType = zoneBreakdown(statistics, 'buildingType');
    expect(byType.rows.map((row) => [row.key, row.count])).toEqual([['住宅', 2], ['厂房', 1]]);
    expect(byType.rows.reduce((sum, row) => sum + row.areaSquareMeters, 0)).toBe(Math.round(statistics.violationAreaSquareMeters));
    for (const row of [...byStatus.rows, ...byType.rows]) expect(Number.isInteger(row.areaSquareMeters)).toBe(true);
  });
});
