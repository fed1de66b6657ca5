import { describe, expect, it } from 'vitest';
import type { RollupInput } from './township-statistics';
import { computeTownshipStatistics } from './township-statistics';
import type { Snapshot, Township, Violation } from './records';
import type { StatusDates, ViolationStatus } from './violation-status';

function createTownship(id: string, name: string): Township {
  return { type: 'Feature', id, properties: { name, code: id }, geometry: { type: 'Polygon', coordinates: [[[120, 27], [121, 27], [121, 28], [120, 27]]] } };
}
function createViolation(id: string, townshipId: string, areaSquareMeters: number, status: ViolationStatus, statusDates: StatusDates): Violation {
  return {
    type: 'Feature', id, geometry: { type: 'Polygon', coordinates: [[[120, 27], [120.001, 27], [120.001, 27.001], [120, 27]]] },
    properties: { code: id, buildingType: '住宅', townshipId, villageId: 'v', yearBuilt: 2020, ownerType: '个人', ownerName: '王五', areaSquareMeters, status, statusDates, origin: '存量', disposalClass: '拆除' },
  };
}
function createSnapshot(townshipId: string, weekEnding: string, demolishedSquareMeters: number): Snapshot {
  return { id: `${townshipId}-${weekEnding}`, townshipId, weekEnding, demolishedSquareMeters, violationsFound: 0, fourNoUnitsRectified: 0, signedHouseholds: 0 };
}
function createInput(): RollupInput {
  return {
    townships: [createTownship('a', '灵溪镇'), createTownship('b', '宜山镇')],
    violations: [
      createViolation('1', 'a', 1000, '已拆除', { 已拆除: '2026-05-01' }),
      createViolation('2', 'a', 500, '销号', { 已拆除: '2026-06-01', 销号: '2026-07-01' }),
      createViolation('3', 'a', 300, '已拆除', { 已拆除: '2025-12-20' }),
      createViolation('4', 'b', 200, '处置中', {}),
      createViolation('5', 'b', 400, '已整改', { 已整改: '2026-03-01' }),
      createViolation('6', 'elsewhere', 50, '发现', {}),
    ],
    villageBlocks: [{
      type: 'Feature', id: 'vb', geometry: { type: 'Polygon', coordinates: [[[120, 27], [120.01, 27], [120.01, 27.01], [120, 27]]] },
      properties: { name: '下汇周村', townshipId: 'a', villageId: 'v', households: 200, expropriatedHouseholds: 180, signedHouseholds: 150, vacatedHouseholds: 100, demolishedHouseholds: 60, areaSquareMeters: 1 },
    }],
    fourNoUnits: [true, true, false].map((rectified, index) => ({
      type: 'Feature' as const, id: `f${index}`, geometry: { type: 'Point' as const, coordinates: [120, 27] },
      properties: { name: 'x', townshipId: 'b', villageId: 'v', problems: [], foundOn: '2026-02-01', rectifiedOn: rectified ? '2026-04-01' : null },
    })),
    parkSites: [],
    targets: [
      { id: 'ta', townshipId: 'a', year: 2026, demolitionSquareMeters: 2000, fourNoUnitsFound: 0, parkFloorSquareMeters: 0 },
      { id: 'tb', townshipId: 'b', year: 2026, demolitionSquareMeters: 1000, fourNoUnitsFound: 5, parkFloorSquareMeters: 0 },
    ],
    snapshots: [createSnapshot('a', '2026-11-13', 1200), createSnapshot('a', '2026-11-20', 1500)],
  };
}

describe('computeTownshipStatistics', () => {
  it('counts area demolished this year only, including closed records that were demolished', () => {
    const { townships } = computeTownshipStatistics(createInput(), '2026-11-21');
    const a = townships.find((stats) => stats.townshipId === 'a')!;
    expect(a.demolishedAreaSquareMeters).toBe(1500);
    expect(a.demolishedCount).toBe(2);
    expect(a.completionRate).toBeCloseTo(0.75);
    expect(a.weekChangeSquareMeters).toBe(300);
  });

  it('compares against the milestone already due (80 % in November)', () => {
    const { townships } = computeTownshipStatistics(createInput(), '2026-11-21');
    const a = townships.find((stats) => stats.townshipId === 'a')!;
    expect(a.milestoneShare).toBe(0.8);
    expect(a.milestoneSquareMeters).toBe(1600);
    expect(a.behindMilestone).toBe(true);
    const inAugust = computeTownshipStatistics(createInput(), '2026-08-01').townships.find((stats) => stats.townshipId === 'a')!;
    expect(inAugust.behindMilestone).toBe(false);
  });

  it('computes 签约率, 腾空率 and 整治率, and null rates when nothing is there to count', () => {
    const { townships } = computeTownshipStatistics(createInput(), '2026-11-21');
    const [a, b] = townships;
    expect(a!.signingRate).toBeCloseTo(0.75);
    expect(a!.vacatingRate).toBeCloseTo(0.5);
    expect(b!.rectificationRate).toBeCloseTo(2 / 3);
    expect(b!.signingRate).toBeNull();
    expect(b!.remainingAreaSquareMeters).toBe(200);
  });

  it('makes the county the sum of everything, including records of unlisted townships', () => {
    const { townships, county } = computeTownshipStatistics(createInput(), '2026-11-21');
    expect(county.violationCount).toBe(6);
    expect(county.violationAreaSquareMeters).toBe(townships.reduce((sum, stats) => sum + stats.violationAreaSquareMeters, 0) + 50);
    expect(county.targetSquareMeters).toBe(3000);
    expect(county.countByStatus['发现']).toBe(1);
    expect(county.completionRate).toBeCloseTo(1500 / 3000);
  });
});
