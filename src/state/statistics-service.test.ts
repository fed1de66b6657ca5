import { describe, expect, it } from 'vitest';
import type { Violation, Zone } from '../domain/records';
import { createAdjacentZones, createRectangleRing, createViolation, createZone } from '../geo/test-fixtures';
import { computeZoneStatistics, type ZoneStatistics } from '../geo/zone-statistics';
import { createInProcessStatisticsClient, type StatisticsClient } from '../workers/statistics-client';
import { createDefaultLayerSettings } from './layer-settings';
import { createEmptyRecords, createInitialState } from './project-state';
import { createStatisticsService, type StatisticsSnapshot } from './statistics-service';
import { createProjectStore, type ProjectStore } from './store';

function createCounty(): { zones: Zone[]; violations: Violation[] } {
  const zones = [...createAdjacentZones(), createZone('north', [createRectangleRing(0, 200, 100, 300)])];
  const violations = Array.from({ length: 30 }, (_, index) => createViolation(`v-${index}`, [createRectangleRing(7 * index, 20, 7 * index + 5, 30)]));
  violations.push(createViolation('straddler', [createRectangleRing(95, 50, 105, 60)]));
  return { zones, violations };
}

function openStore(zones: Zone[], violations: Violation[]): ProjectStore {
  const store = createProjectStore(createInitialState());
  store.dispatch({ type: 'loaded', records: { ...createEmptyRecords(), zones, violations }, layers: createDefaultLayerSettings() });
  return store;
}

/** The snapshot's statistics in the store's zone order, against a fresh full computation. */
function expectCurrent(store: ProjectStore, snapshot: StatisticsSnapshot): void {
  const { zones, violations } = store.getState().records;
  const expected = computeZoneStatistics(zones, violations);
  expect(zones.map((zone) => snapshot.byZoneId?.get(zone.id))).toEqual(expected);
  expect(snapshot.pending).toBe(false);
}

const demolish = (violation: Violation): Violation => ({
  ...violation,
  properties: { ...violation.properties, status: '已拆除', statusDates: { ...violation.properties.statusDates, 已拆除: '2026-05-01' } },
});

describe('createStatisticsService', () => {
  it('loads the county when the project opens and follows edits incrementally', async () => {
    const { zones, violations } = createCounty();
    const store = openStore(zones, violations);
    const calls: string[] = [];
    const inner = createInProcessStatisticsClient();
    const client: StatisticsClient = {
      ...inner,
      load: (...args) => { calls.push('load'); return inner.load(...args); },
      applyViolationChanges: (changes) => { calls.push(`violations:${changes.length}`); return inner.applyViolationChanges(changes); },
      applyZoneChange: (change) => { calls.push('zone'); return inner.applyZoneChange(change); },
    };
    const service = createStatisticsService(store, { createClient: () => client });
    expectCurrent(store, await service.current());

    const straddler = violations[violations.length - 1] as Violation;
    store.dispatch({ type: 'recordsChanged', kind: 'violations', put: [demolish(straddler)], deleted: ['v-3'] });
    store.dispatch({ type: 'recordsChanged', kind: 'violations', put: [createViolation('added', [createRectangleRing(10, 210, 20, 220)])], deleted: [] });
    store.dispatch({ type: 'recordsChanged', kind: 'zones', put: [createZone('north', [createRectangleRing(0, 200, 50, 300)])], deleted: ['zone-east'] });
    const after = await service.current();
    expectCurrent(store, after);
    expect(after.byZoneId?.has('zone-east')).toBe(false);
    expect(calls).toEqual(['load', 'violations:2', 'violations:1', 'zone', 'zone']);
    service.dispose();
  });

  it('drops the answer of an older load: a reload overtaken by a slow first load keeps the newer figures', async () => {
    const { zones, violations } = createCounty();
    const store = openStore(zones, violations);
    let releaseFirst: () => void = () => undefined;
    let loads = 0;
    const client: StatisticsClient = {
      ...createInProcessStatisticsClient(),
      async load(loadZones, loadViolations) {
        loads += 1;
        const statistics = computeZoneStatistics(loadZones, loadViolations);
        if (loads === 1) await new Promise<void>((resolve) => { releaseFirst = resolve; });
        return statistics;
      },
    };
    const service = createStatisticsService(store, { createClient: () => client, reloadThreshold: 2 });
    // Every violation replaced: more changes than the threshold, so the county is loaded again.
    store.dispatch({ type: 'loaded', records: { ...createEmptyRecords(), zones, violations: violations.map(demolish) }, layers: createDefaultLayerSettings() });
    const current = service.current();
    await new Promise((resolve) => setTimeout(resolve, 0));
    releaseFirst();
    const snapshot = await current;
    expect(snapshot.generation).toBe(2);
    expect(snapshot.byZoneId?.get('zone-west')?.demolishedCount).toBe(snapshot.byZoneId?.get('zone-west')?.violationCount);
    expectCurrent(store, snapshot);
    service.dispose();
  });

  it('loads again after a failed update, and uses the in-process engine when the worker dies', async () => {
    const { zones, violations } = createCounty();
    const store = openStore(zones, violations);
    const inner = createInProcessStatisticsClient();
    let disposed = 0;
    const dying: StatisticsClient = {
      ...inner,
      applyViolationChanges: () => Promise.reject(new Error('statistics worker failed: gone')),
      dispose: () => { disposed += 1; },
    };
    const service = createStatisticsService(store, { createClient: () => dying });
    await service.current();
    store.dispatch({ type: 'recordsChanged', kind: 'violations', put: [demolish(violations[0] as Violation)], deleted: [] });
    expectCurrent(store, await service.current());
    expect(disposed).toBe(1);
    // The in-process engine now follows edits.
    store.dispatch({ type: 'recordsChanged', kind: 'violations', put: [demolish(violations[1] as Violation)], deleted: [] });
    const snapshot = await service.current();
    expectCurrent(store, snapshot);
    expect(snapshot.failure).toBeNull();
    service.dispose();
  });

  it('waits for the project to open', async () => {
    const store = createProjectStore(createInitialState());
    const service = createStatisticsService(store);
    let answered: ZoneStatistics[] | null = null;
    const { zones, violations } = createCounty();
    const waiting = service.current().then((snapshot) => { answered = zones.map((zone) => snapshot.byZoneId?.get(zone.id) as ZoneStatistics); });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(answered).toBeNull();
    store.dispatch({ type: 'loaded', records: { ...createEmptyRecords(), zones, violations }, layers: createDefaultLayerSettings() });
    await waiting;
    expect(answered).toEqual(computeZoneStatistics(zones, violations));
    service.dispose();
  });
});
