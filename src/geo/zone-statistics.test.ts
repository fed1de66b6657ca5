import { describe, expect, it } from 'vitest';
import { BUILDING_TYPES, type Violation, type Zone } from '../domain/records';
import { VIOLATION_STATUSES } from '../domain/violation-status';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import {
  createAdjacentZones,
  createRectangleRing,
  createRing,
  createRotatedRing,
  createViolation,
  createZone,
} from './test-fixtures';
import {
  computeZoneStatistics,
  updateOneZoneStatistics,
  updateZoneStatisticsForViolation,
  type ZoneStatistics,
} from './zone-statistics';

function relativeDifference(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.abs(expected);
}

function statisticsOf(all: readonly ZoneStatistics[], zoneId: string): ZoneStatistics {
  const found = all.find((statistics) => statistics.zoneId === zoneId);
  if (found === undefined) throw new Error(`no statistics for ${zoneId}`);
  return found;
}

/** A 20 m × 10 m building turned 30°, centred on the shared edge of the adjacent zones. */
function createStraddlingViolation(): Violation {
  return createViolation('straddler', [createRotatedRing([[90, 45], [110, 45], [110, 55], [90, 55]], 30, [100, 50])]);
}

/** A zone whose north edge dips 6.4 cm into a building between its vertices (all of them inside). */
function createNotchedZoneAndBuilding(): { zone: Zone; building: Violation } {
  const zone = createZone('notched', [createRing([[0, 0], [100, 0], [100, 100], [51, 100], [51, 59.936], [49, 59.936], [49, 100], [0, 100]])]);
  const building = createViolation('cut-between-vertices', [createRectangleRing(40, 50, 60, 60)]);
  return { zone, building };
}

/** A 200 m square zone with a 40 m square hole in the middle (80..120). */
function createZoneWithHole(): Zone {
  const outer = createRectangleRing(0, 0, 200, 200);
  const hole = createRing([[80, 80], [80, 120], [120, 120], [120, 80]]);
  return createZone('holed', [outer, hole]);
}

function expectStatisticsClose(actual: ZoneStatistics, expected: ZoneStatistics): void {
  const numericKeys = ['zoneAreaSquareMeters', 'violationAreaSquareMeters', 'demolishedAreaSquareMeters', 'remainingAreaSquareMeters'] as const;
  for (const key of numericKeys) expect(actual[key]).toBeCloseTo(expected[key], 6);
  for (const status of VIOLATION_STATUSES) {
    expect(actual.areaByStatusSquareMeters[status]).toBeCloseTo(expected.areaByStatusSquareMeters[status], 6);
  }
  for (const type of BUILDING_TYPES) {
    expect(actual.areaByBuildingTypeSquareMeters[type]).toBeCloseTo(expected.areaByBuildingTypeSquareMeters[type], 6);
  }
  expect({ ...actual, ...zeroAreas() }).toEqual({ ...expected, ...zeroAreas() });
}

function zeroAreas(): Partial<ZoneStatistics> {
  return { zoneAreaSquareMeters: 0, violationAreaSquareMeters: 0, demolishedAreaSquareMeters: 0, remainingAreaSquareMeters: 0, areaByStatusSquareMeters: undefined, areaByBuildingTypeSquareMeters: undefined };
}

describe('computeZoneStatistics', () => {
  it('splits a violation straddling two adjacent zones; the parts sum to its area', () => {
    const violation = createStraddlingViolation();
    const statistics = computeZoneStatistics(createAdjacentZones(), [violation]);
    const west = statisticsOf(statistics, 'zone-west');
    const east = statisticsOf(statistics, 'zone-east');
    const total = ellipsoidalAreaSquareMeters(violation);
    expect(relativeDifference(west.violationAreaSquareMeters + east.violationAreaSquareMeters, total)).toBeLessThan(1e-6);
    expect(relativeDifference(west.violationAreaSquareMeters, total / 2)).toBeLessThan(1e-3);
    for (const zone of [west, east]) {
      expect(zone.violationCount).toBe(1);
      expect(zone.partlyInsideViolationIds).toEqual(['straddler']);
      expect(zone.whollyInsideViolationIds).toEqual([]);
    }
  });

  it('classifies a building cut between its vertices as partly inside (turf.booleanWithin says within)', () => {
    const { zone, building } = createNotchedZoneAndBuilding();
    const [statistics] = computeZoneStatistics([zone], [building]);
    expect(statistics?.partlyInsideViolationIds).toEqual(['cut-between-vertices']);
    const outsideSquareMeters = ellipsoidalAreaSquareMeters(building) - (statistics?.violationAreaSquareMeters ?? 0);
    expect(outsideSquareMeters).toBeGreaterThan(0.1);
    expect(outsideSquareMeters).toBeLessThan(0.15);
  });

  it('counts violations by 建筑类型 with the clipped area; the types sum to the totals', () => {
    const house = createViolation('house', [createRectangleRing(10, 10, 30, 30)]);
    const factory = createViolation('factory', [createRectangleRing(90, 10, 110, 30)]);
    factory.properties.buildingType = '厂房';
    const [west] = computeZoneStatistics([createAdjacentZones()[0] as Zone], [house, factory]);
    if (!west) throw new Error('no statistics');
    expect(west.countByBuildingType).toEqual({ 住宅: 1, 厂房: 1, 仓库: 0, 商铺: 0, 附属用房: 0, 其他: 0 });
    expect(west.areaByBuildingTypeSquareMeters['住宅']).toBe(ellipsoidalAreaSquareMeters(house));
    // Half of the factory lies in the western zone (its edge is at 100 m).
    expect(relativeDifference(west.areaByBuildingTypeSquareMeters['厂房'], ellipsoidalAreaSquareMeters(factory) / 2)).toBeLessThan(1e-3);
    const typeSum = BUILDING_TYPES.reduce((sum, type) => sum + west.areaByBuildingTypeSquareMeters[type], 0);
    expect(relativeDifference(typeSum, west.violationAreaSquareMeters)).toBeLessThan(1e-12);
  });

  it('counts a building on the inner side of the boundary as wholly inside and not in the neighbour', () => {
    const inside = createViolation('along-edge', [createRectangleRing(80, 10, 100, 30)]);
    const statistics = computeZoneStatistics(createAdjacentZones(), [inside]);
    expect(statisticsOf(statistics, 'zone-west').whollyInsideViolationIds).toEqual(['along-edge']);
    expect(statisticsOf(statistics, 'zone-west').violationAreaSquareMeters).toBe(ellipsoidalAreaSquareMeters(inside));
    expect(statisticsOf(statistics, 'zone-east').violationCount).toBe(0);
  });

  it('excludes a hole: inside the hole, across its edge, and around the whole hole', () => {
    const zone = createZoneWithHole();
    const inHole = createViolation('in-hole', [createRectangleRing(90, 90, 110, 110)]);
    const acrossHoleEdge = createViolation('across-hole-edge', [createRectangleRing(70, 90, 90, 100)]);
    const aroundHole = createViolation('around-hole', [createRectangleRing(70, 70, 130, 130)]);
    const [statistics] = computeZoneStatistics([zone], [inHole, acrossHoleEdge, aroundHole]);
    expect(statistics?.partlyInsideViolationIds).toEqual(['across-hole-edge', 'around-hole']);
    expect(statistics?.violationCount).toBe(2);
    const ringArea = (ring: ReturnType<typeof createRing>) => ellipsoidalAreaSquareMeters({ type: 'Polygon', coordinates: [ring] });
    const expected = ringArea(createRectangleRing(70, 90, 80, 100)) + ringArea(createRectangleRing(70, 70, 130, 130)) - ringArea(createRectangleRing(80, 80, 120, 120));
    expect(relativeDifference(statistics?.violationAreaSquareMeters ?? 0, expected)).toBeLessThan(1e-6);
    expect(relativeDifference(statistics?.zoneAreaSquareMeters ?? 0, ringArea(createRectangleRing(0, 0, 200, 200)) - 1600)).toBeLessThan(1e-3);
  });

  it('separates demolished from remaining area (销号 counts as demolished only after 已拆除)', () => {
    const zone = createZone('z', [createRectangleRing(0, 0, 100, 100)]);
    const violations = [
      createViolation('demolished', [createRectangleRing(10, 10, 20, 20)], { status: '已拆除', statusDates: { 已拆除: '2025-03-01' } }),
      createViolation('closed-after-demolition', [createRectangleRing(30, 10, 40, 25)], { status: '销号', statusDates: { 已拆除: '2025-03-01', 销号: '2025-04-01' } }),
      createViolation('closed-after-rectification', [createRectangleRing(50, 10, 60, 30)], { status: '销号', statusDates: { 已整改: '2025-03-01', 销号: '2025-04-01' } }),
      createViolation('in-progress', [createRectangleRing(70, 10, 80, 35)], { status: '处置中' }),
    ];
    const [statistics] = computeZoneStatistics([zone], violations);
    const areaOf = (index: number) => ellipsoidalAreaSquareMeters(violations[index] as Violation);
    expect(statistics?.demolishedCount).toBe(2);
    expect(statistics?.demolishedAreaSquareMeters).toBeCloseTo(areaOf(0) + areaOf(1), 9);
    expect(statistics?.remainingAreaSquareMeters).toBeCloseTo(areaOf(2) + areaOf(3), 9);
    expect(statistics?.remainingAreaSquareMeters).toBeCloseTo((statistics?.violationAreaSquareMeters ?? 0) - (statistics?.demolishedAreaSquareMeters ?? 0), 9);
    expect(statistics?.countByStatus).toEqual({ 发现: 0, 认定: 0, 处置中: 1, 已拆除: 1, 已整改: 0, 销号: 2 });
    expect(statistics?.areaByStatusSquareMeters['销号']).toBeCloseTo(areaOf(1) + areaOf(2), 9);
  });

  it('splits a MultiPolygon violation by its parts and measures it once per zone', () => {
    const parts = [[createRectangleRing(10, 10, 20, 20)], [createRectangleRing(150, 10, 160, 20)], [createRectangleRing(40, 40, 50, 50)]];
    const violation = createViolation('two-zones', parts);
    const statistics = computeZoneStatistics(createAdjacentZones(), [violation]);
    expect(statisticsOf(statistics, 'zone-west').violationCount).toBe(1);
    expect(statisticsOf(statistics, 'zone-west').partlyInsideViolationIds).toEqual(['two-zones']);
    const sum = statistics.reduce((total, zone) => total + zone.violationAreaSquareMeters, 0);
    expect(relativeDifference(sum, ellipsoidalAreaSquareMeters(violation))).toBeLessThan(1e-12);
  });

  it('returns [] for no zones and empty statistics for zones without violations', () => {
    expect(computeZoneStatistics([], [])).toEqual([]);
    expect(computeZoneStatistics([], [createStraddlingViolation()])).toEqual([]);
    const [statistics] = computeZoneStatistics([createZoneWithHole()], []);
    expect(statistics?.violationCount).toBe(0);
    expect(statistics?.violationAreaSquareMeters).toBe(0);
    expect(statistics?.whollyInsideViolationIds).toEqual([]);
    expect(statistics?.zoneAreaSquareMeters).toBeGreaterThan(38_000);
  });

  it('produces plain JSON data', () => {
    const statistics = computeZoneStatistics(createAdjacentZones(), [createStraddlingViolation()]);
    expect(JSON.parse(JSON.stringify(statistics))).toEqual(statistics);
    expect(structuredClone(statistics)).toEqual(statistics);
  });

  it('rejects duplicate violation ids', () => {
    expect(() => computeZoneStatistics(createAdjacentZones(), [createStraddlingViolation(), createStraddlingViolation()])).toThrow(RangeError);
  });
});

describe('updateZoneStatisticsForViolation', () => {
  function createScene(): { zones: Zone[]; violations: Violation[] } {
    const zones = [...createAdjacentZones(), createZoneWithHole()];
    const violations = [
      createStraddlingViolation(),
      createViolation('west-1', [createRectangleRing(10, 10, 30, 20)]),
      createViolation('east-1', [createRectangleRing(150, 60, 170, 75)], { status: '处置中' }),
      createViolation('far-away', [createRectangleRing(500, 500, 520, 510)]),
    ];
    return { zones, violations };
  }

  it('equals a full recompute after one violation changes status and geometry', () => {
    const { zones, violations } = createScene();
    const previous = computeZoneStatistics(zones, violations);
    const before = violations[1] as Violation;
    const after = createViolation('west-1', [createRectangleRing(95, 10, 115, 20)], { status: '已拆除', statusDates: { 已拆除: '2025-05-01' } });
    const edited = violations.map((violation) => (violation.id === after.id ? after : violation));
    const updated = updateZoneStatisticsForViolation(zones, previous, { before, after });
    const recomputed = computeZoneStatistics(zones, edited);
    updated.forEach((statistics, index) => expectStatisticsClose(statistics, recomputed[index] as ZoneStatistics));
  });

  it('equals a full recompute after an addition and after a deletion', () => {
    const { zones, violations } = createScene();
    const previous = computeZoneStatistics(zones, violations);
    const added = createViolation('new', [createRectangleRing(90, 90, 110, 110)]);
    const afterAddition = updateZoneStatisticsForViolation(zones, previous, { before: null, after: added });
    computeZoneStatistics(zones, [...violations, added]).forEach((expected, index) => expectStatisticsClose(afterAddition[index] as ZoneStatistics, expected));
    const removed = violations[0] as Violation;
    const afterDeletion = updateZoneStatisticsForViolation(zones, afterAddition, { before: removed, after: null });
    const remaining = [...violations.slice(1), added];
    computeZoneStatistics(zones, remaining).forEach((expected, index) => expectStatisticsClose(afterDeletion[index] as ZoneStatistics, expected));
  });

  it('keeps the previous object for zones the change does not reach, and exact zeros when a zone empties', () => {
    const { zones, violations } = createScene();
    const previous = computeZoneStatistics(zones, violations);
    const farBefore = violations[3] as Violation;
    const farAfter = createViolation('far-away', farBefore.geometry.coordinates as never, { status: '处置中' });
    const updated = updateZoneStatisticsForViolation(zones, previous, { before: farBefore, after: farAfter });
    updated.forEach((statistics, index) => expect(statistics).toBe(previous[index]));
    const east = zones[1] as Zone;
    let eastStatistics = statisticsOf(previous, 'zone-east');
    for (const violation of violations.slice(0, 3)) eastStatistics = updateOneZoneStatistics(east, eastStatistics, { before: violation, after: null });
    expect(eastStatistics.violationAreaSquareMeters).toBe(0);
    expect(eastStatistics.areaByStatusSquareMeters['认定']).toBe(0);
    expect(eastStatistics.violationCount).toBe(0);
  });

  it('throws when the previous statistics lack a zone', () => {
    const { zones, violations } = createScene();
    const previous = computeZoneStatistics(zones.slice(1), violations);
    expect(() => updateZoneStatisticsForViolation(zones, previous, { before: null, after: violations[0] as Violation })).toThrow(RangeError);
  });
});
