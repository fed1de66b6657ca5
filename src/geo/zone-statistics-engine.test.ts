import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { Violation, Zone } from '../domain/records';
import { VIOLATION_STATUSES, type ViolationStatus } from '../domain/violation-status';
import { createRandom, createRandomViolationGeometry, createRandomZoneGeometry, type Random } from './overlay-test-shapes';
import { createAdjacentZones, createRectangleRing, createViolation, createZone, type LocalPoint } from './test-fixtures';
import { applyStatisticsUpdate, ZoneStatisticsEngine } from './zone-statistics-engine';
import { computeZoneStatistics, type ZoneStatistics } from './zone-statistics';

const ZONE_CENTRES: LocalPoint[] = [[0, 0], [400, 0], [0, 400], [400, 400], [800, 200]];

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function createRandomZone(random: Random, id: string): Zone {
  const geometry = createRandomZoneGeometry(random, pick(random, ZONE_CENTRES), 60 + 80 * random());
  return createZone(id, geometry.coordinates);
}

function createRandomViolation(random: Random, id: string): Violation {
  const centre = pick(random, ZONE_CENTRES);
  const local = createRandomViolationGeometry(random, 100);
  // Shift the shape (made around the origin) to a zone centre by rebuilding it there.
  const shift = (position: Position): Position => [(position[0] as number) + centre[0] / (111_320 * Math.cos((27.5 * Math.PI) / 180)), (position[1] as number) + centre[1] / 110_800];
  const coordinates = local.type === 'Polygon'
    ? local.coordinates.map((ring) => ring.map(shift))
    : local.coordinates.map((rings) => rings.map((ring) => ring.map(shift)));
  const status: ViolationStatus = pick(random, VIOLATION_STATUSES);
  const statusDates = random() < 0.5 ? { 发现: '2025-01-10', 已拆除: '2025-03-01' } : { 发现: '2025-01-10' };
  return createViolation(id, coordinates, { status, statusDates });
}

function createScene(random: Random): { zones: Zone[]; violations: Violation[] } {
  const zones = [...createAdjacentZones(), ...Array.from({ length: 6 }, (_, i) => createRandomZone(random, `zone-${i}`))];
  const violations = Array.from({ length: 250 }, (_, i) => createRandomViolation(random, `v-${i}`));
  return { zones, violations };
}

/** The engine agrees exactly with a full recompute over its own records, and the update with its statistics. */
function expectConsistent(engine: ZoneStatisticsEngine, listed: ZoneStatistics[]): void {
  const recomputed = computeZoneStatistics(engine.zones(), engine.violations());
  expect(engine.statistics()).toEqual(recomputed);
  expect(listed).toEqual(recomputed);
}

describe('ZoneStatisticsEngine', () => {
  it('starts equal to computeZoneStatistics', () => {
    const { zones, violations } = createScene(createRandom(1));
    expect(new ZoneStatisticsEngine(zones, violations).statistics()).toEqual(computeZoneStatistics(zones, violations));
  });

  it('equals a full recompute after each of 300 random violation and zone edits', () => {
    const random = createRandom(20261122);
    const { zones, violations } = createScene(random);
    const engine = new ZoneStatisticsEngine(zones, violations);
    let listed = engine.statistics();
    let nextId = 1000;
    for (let step = 0; step < 300; step++) {
      const current = engine.violations() as Violation[];
      const currentZones = engine.zones();
      const kind = random();
      let update;
      if (kind < 0.3 && current.length > 0) {
        const before = pick(random, current);
        const status = pick(random, VIOLATION_STATUSES);
        update = engine.applyViolationChange({ before, after: { ...before, properties: { ...before.properties, status } } });
      } else if (kind < 0.55 && current.length > 0) {
        const before = pick(random, current);
        const moved = createRandomViolation(random, before.id);
        update = engine.applyViolationChange({ before, after: { ...moved, properties: before.properties } });
      } else if (kind < 0.7) {
        update = engine.applyViolationChange({ before: null, after: createRandomViolation(random, `v-${nextId++}`) });
      } else if (kind < 0.85 && current.length > 0) {
        update = engine.applyViolationChange({ before: pick(random, current), after: null });
      } else if (kind < 0.93 && currentZones.length > 0) {
        const before = pick(random, currentZones);
        update = engine.applyZoneChange({ before, after: { ...createRandomZone(random, before.id), properties: before.properties } });
      } else if (kind < 0.97) {
        update = engine.applyZoneChange({ before: null, after: createRandomZone(random, `zone-${nextId++}`) });
      } else {
        update = engine.applyZoneChange({ before: pick(random, currentZones), after: null });
      }
      listed = applyStatisticsUpdate(listed, update);
      expectConsistent(engine, listed);
    }
  }, 60_000);

  it('applies a batch of edits as one update', () => {
    const { zones, violations } = createScene(createRandom(5));
    const engine = new ZoneStatisticsEngine(zones, violations);
    const before = engine.statistics();
    const added = createViolation('added', [createRectangleRing(90, 40, 110, 60)]);
    const update = engine.applyViolationChanges([
      { before: null, after: added },
      { before: violations[0] as Violation, after: null },
      { before: added, after: { ...added, properties: { ...added.properties, status: '已拆除' } } },
    ]);
    expect(update.changed.map((statistics) => statistics.zoneId)).toEqual(expect.arrayContaining(['zone-west', 'zone-east']));
    expectConsistent(engine, applyStatisticsUpdate(before, update));
  });

  it('reports no zone for an edit far from every zone, and keeps the other statistics objects', () => {
    const { zones, violations } = createScene(createRandom(3));
    const far = createViolation('far', [createRectangleRing(5000, 5000, 5010, 5010)]);
    const engine = new ZoneStatisticsEngine(zones, [...violations, far]);
    const before = engine.statistics();
    const update = engine.applyViolationChange({ before: far, after: { ...far, properties: { ...far.properties, status: '销号' } } });
    expect(update).toEqual({ changed: [], removedZoneIds: [] });
    engine.statistics().forEach((statistics, index) => expect(statistics).toBe(before[index]));
  });

  it('keeps a replaced zone in its place, appends a new one and drops a deleted one', () => {
    const [west, east] = createAdjacentZones();
    const violation = createViolation('v', [createRectangleRing(90, 40, 110, 60)]);
    const engine = new ZoneStatisticsEngine([west, east], [violation]);
    const moved = createZone('zone-west', [createRectangleRing(0, 0, 120, 100)]);
    expect(engine.applyZoneChange({ before: west, after: moved }).changed.map((statistics) => statistics.zoneId)).toEqual(['zone-west']);
    const added = createZone('zone-north', [createRectangleRing(0, 100, 100, 200)]);
    engine.applyZoneChange({ before: null, after: added });
    expect(engine.statistics().map((statistics) => statistics.zoneId)).toEqual(['zone-west', 'zone-east', 'zone-north']);
    expect(engine.applyZoneChange({ before: east, after: null })).toEqual({ changed: [], removedZoneIds: ['zone-east'] });
    expect(engine.statistics().map((statistics) => statistics.zoneId)).toEqual(['zone-west', 'zone-north']);
    expectConsistent(engine, engine.statistics());
  });

  it('rejects duplicate ids and edits of records it does not hold', () => {
    const [west, east] = createAdjacentZones();
    const violation = createViolation('v', [createRectangleRing(10, 10, 20, 20)]);
    expect(() => new ZoneStatisticsEngine([west, west], [])).toThrow(RangeError);
    expect(() => new ZoneStatisticsEngine([west], [violation, violation])).toThrow(RangeError);
    const engine = new ZoneStatisticsEngine([west], [violation]);
    expect(() => engine.applyViolationChange({ before: null, after: violation })).toThrow(RangeError);
    expect(() => engine.applyViolationChange({ before: createViolation('unknown', [createRectangleRing(0, 0, 1, 1)]), after: null })).toThrow(RangeError);
    expect(() => engine.applyZoneChange({ before: east, after: null })).toThrow(RangeError);
    expect(() => engine.applyZoneChange({ before: null, after: west })).toThrow(RangeError);
  });

  it('stays consistent when a batch throws part-way (earlier edits stay applied)', () => {
    const [west] = createAdjacentZones();
    const violation = createViolation('v', [createRectangleRing(10, 10, 20, 20)]);
    const engine = new ZoneStatisticsEngine([west], [violation]);
    const added = createViolation('w', [createRectangleRing(30, 30, 40, 40)]);
    expect(() => engine.applyViolationChanges([{ before: null, after: added }, { before: null, after: violation }])).toThrow(RangeError);
    expect(engine.statistics()[0]?.violationCount).toBe(2);
    expectConsistent(engine, engine.statistics());
  });

  it('grows with many additions and closes up after many deletions, keeping the order', () => {
    const random = createRandom(11);
    const { zones } = createScene(random);
    const engine = new ZoneStatisticsEngine(zones, []);
    let listed = engine.statistics();
    for (let i = 0; i < 3000; i++) listed = applyStatisticsUpdate(listed, engine.applyViolationChange({ before: null, after: createRandomViolation(random, `n-${i}`) }));
    expectConsistent(engine, listed);
    const victims = (engine.violations() as Violation[]).filter((_, index) => index % 3 !== 0);
    listed = applyStatisticsUpdate(listed, engine.applyViolationChanges(victims.map((before) => ({ before, after: null }))));
    expect(engine.violations()).toHaveLength(1000);
    expectConsistent(engine, listed);
    const moved = engine.violations()[500] as Violation;
    listed = applyStatisticsUpdate(listed, engine.applyViolationChange({ before: moved, after: createRandomViolation(random, moved.id) }));
    expectConsistent(engine, listed);
  }, 60_000);
});
