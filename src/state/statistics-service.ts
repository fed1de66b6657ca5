/**
 * The project's one statistics client (the engine in the statistics worker, or in-process where
 * there is no Worker): loads the county into it when the project opens, sends the incremental
 * changes after each edit, and publishes the current per-zone violation statistics to the views.
 *
 * It watches the store: whenever the zones or violations arrays change it diffs them against what
 * it last sent (`statistics-record-diff.ts`) and sends only the changes; a change too large to be
 * an edit (a reload, a restore) loads everything again. Each load starts a new generation: answers
 * of an older generation are dropped, so a stale answer never overwrites newer figures. Answers of
 * one generation arrive in the order the calls were made, and each update is folded into the list
 * in that order. If a call fails, the county is loaded again; a worker that fails is replaced by
 * the in-process engine.
 */
import type { Violation, Zone } from '../domain/records';
import type { ZoneStatistics } from '../geo/zone-statistics';
import { applyStatisticsUpdate, type ZoneStatisticsUpdate } from '../geo/zone-statistics-engine';
import { createInProcessStatisticsClient, type StatisticsClient } from '../workers/statistics-client';
import { diffRecords } from './statistics-record-diff';
import type { ProjectStore } from './store';

export interface StatisticsSnapshot {
  /** Per-zone violation statistics by zone id, from the engine; null until the first load answers. */
  byZoneId: ReadonlyMap<string, ZoneStatistics> | null;
  /** The zones and violations arrays of the store that were last sent to the engine. */
  zones: readonly Zone[] | null;
  violations: readonly Violation[] | null;
  /** Calls not yet answered: the figures lag the records (by one edit, or the first load). */
  pending: boolean;
  /** Counts loads; answers of an older generation are dropped. */
  generation: number;
  /** Why there are no statistics (the engine failed twice), or null. */
  failure: string | null;
}

export interface StatisticsService {
  getSnapshot(): StatisticsSnapshot;
  subscribe(listener: () => void): () => void;
  /** Resolves once the statistics match the store's current zones and violations (rejects on failure). */
  current(): Promise<StatisticsSnapshot>;
  dispose(): void;
}

export interface StatisticsServiceOptions {
  /** The client to use (default: in-process). */
  createClient?: () => StatisticsClient;
  /** More changes than this (and than 5 % of the records) in one store update reload everything. */
  reloadThreshold?: number;
}

export function createStatisticsService(store: ProjectStore, options: StatisticsServiceOptions = {}): StatisticsService {
  const createClient = options.createClient ?? createInProcessStatisticsClient;
  const reloadThreshold = options.reloadThreshold ?? 2000;
  let client: StatisticsClient | null = null;
  let fellBack = false;
  let failuresInARow = 0;
  let generation = 0;
  let outstanding = 0;
  let list: ZoneStatistics[] | null = null;
  let sentZones: readonly Zone[] | null = null;
  let sentViolations: readonly Violation[] | null = null;
  /** Updates of the current generation are folded in this order. */
  let applied: Promise<unknown> = Promise.resolve();
  let failure: string | null = null;
  let disposed = false;
  let snapshot: StatisticsSnapshot = { byZoneId: null, zones: null, violations: null, pending: false, generation: 0, failure: null };
  const listeners = new Set<() => void>();
  let waiters: { resolve(value: StatisticsSnapshot): void; reject(error: Error): void }[] = [];

  function isCurrent(): boolean {
    const state = store.getState();
    return state.phase === 'ready' && outstanding === 0 && failure === null && sentZones === state.records.zones && sentViolations === state.records.violations && list !== null;
  }

  function publish(): void {
    snapshot = {
      byZoneId: list === null ? null : new Map(list.map((statistics) => [statistics.zoneId, statistics])),
      zones: sentZones, violations: sentViolations, pending: outstanding > 0, generation, failure,
    };
    for (const listener of [...listeners]) listener();
    if (failure !== null) {
      const error = new Error(failure);
      for (const waiter of waiters) waiter.reject(error);
      waiters = [];
    } else if (isCurrent()) {
      for (const waiter of waiters) waiter.resolve(snapshot);
      waiters = [];
    }
  }

  function recover(error: unknown, of: number): void {
    if (of !== generation || disposed) return;
    failuresInARow += 1;
    if (failuresInARow > 1 && fellBack) {
      outstanding = 0;
      list = null;
      failure = `统计计算失败：${error instanceof Error ? error.message : String(error)}`;
      publish();
      return;
    }
    if (failuresInARow > 1 || (error instanceof Error && error.message.startsWith('statistics worker failed'))) {
      client?.dispose();
      client = createInProcessStatisticsClient();
      fellBack = true;
    }
    const { zones, violations } = store.getState().records;
    load(zones, violations);
  }

  function load(zones: readonly Zone[], violations: readonly Violation[]): void {
    client ??= createClient();
    const of = ++generation;
    sentZones = zones;
    sentViolations = violations;
    outstanding = 1;
    failure = null;
    applied = client.load(zones, violations).then(
      (result) => {
        if (of !== generation || disposed) return;
        list = result;
        outstanding -= 1;
        failuresInARow = 0;
        publish();
      },
      (error: unknown) => recover(error, of),
    );
    publish();
  }

  function sendChanges(zones: readonly Zone[], violations: readonly Violation[]): void {
    const limit = (count: number) => Math.max(reloadThreshold, count / 20);
    const zoneChanges = zones === sentZones ? [] : diffRecords(sentZones ?? [], zones, limit(zones.length));
    const violationChanges = violations === sentViolations ? [] : diffRecords(sentViolations ?? [], violations, limit(violations.length));
    if (client === null || zoneChanges === null || violationChanges === null) {
      load(zones, violations);
      return;
    }
    sentZones = zones;
    sentViolations = violations;
    if (zoneChanges.length === 0 && violationChanges.length === 0) {
      publish();
      return;
    }
    const of = generation;
    outstanding += 1;
    const calls: Promise<ZoneStatisticsUpdate>[] = zoneChanges.map((change) => (client as StatisticsClient).applyZoneChange(change));
    if (violationChanges.length > 0) calls.push(client.applyViolationChanges(violationChanges));
    const answered = Promise.all(calls);
    applied = applied.then(() => answered).then(
      (updates) => {
        if (of !== generation || disposed || list === null) return;
        for (const update of updates) list = applyStatisticsUpdate(list, update);
        outstanding -= 1;
        publish();
      },
      (error: unknown) => recover(error, of),
    );
    publish();
  }

  const unsubscribe = store.subscribe(() => {
    if (disposed) return;
    const state = store.getState();
    if (state.phase !== 'ready') return;
    const { zones, violations } = state.records;
    if (zones === sentZones && violations === sentViolations) return;
    if (sentZones === null) load(zones, violations);
    else sendChanges(zones, violations);
  });
  if (store.getState().phase === 'ready') load(store.getState().records.zones, store.getState().records.violations);

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    current() {
      if (failure !== null) return Promise.reject(new Error(failure));
      if (store.getState().phase === 'failed') return Promise.reject(new Error('statistics: the project failed to open'));
      if (isCurrent()) return Promise.resolve(snapshot);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      unsubscribe();
      client?.dispose();
      for (const waiter of waiters) waiter.reject(new Error('statistics service: disposed'));
      waiters = [];
    },
  };
}
