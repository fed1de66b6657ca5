/**
 * A typed client for per-zone statistics: {@link createStatisticsClient} runs the engine in the
 * statistics worker (comlink), {@link createInProcessStatisticsClient} runs it on the calling
 * thread with the same interface (Node tests, and browsers without module workers).
 *
 * The worker client packs violations into typed arrays in slices (the main thread stays
 * responsive) and transfers them (`statistics-transfer.ts`); it sends edits trimmed to the fields
 * the statistics read. Results are plain JSON data; a {@link ZoneStatisticsUpdate} lists only the
 * zones an edit reached — `applyStatisticsUpdate` (geo/zone-statistics-engine) folds it into a
 * full list. Calls are answered in the order they were made.
 */
import { type Endpoint, type Remote, transfer, wrap } from 'comlink';
import type { Violation, Zone } from '../domain/records';
import { type MeasuredViolationChange, type ZoneChange, ZoneStatisticsEngine, type ZoneStatisticsUpdate } from '../geo/zone-statistics-engine';
import type { MeasuredViolation, ZoneStatistics } from '../geo/zone-statistics';
import { nextTask, packViolationsInSlices, toMeasuredViolation } from './statistics-transfer';
import type { StatisticsWorkerApi } from './statistics-worker-api';
import { startModuleWorker } from './module-worker';

export type { MeasuredViolationChange, ZoneChange, ZoneStatisticsUpdate };

export interface StatisticsClient {
  /**
   * Loads zones and violations (replacing anything loaded before), builds the indexes and returns
   * every zone's statistics in zone order. Rejects with a RangeError on duplicate ids.
   */
  load(zones: readonly Zone[], violations: readonly (Violation | MeasuredViolation)[]): Promise<ZoneStatistics[]>;
  /** One violation edit (`before` null: addition; `after` null: deletion); re-measures only the zones it reaches. */
  applyViolationChange(change: MeasuredViolationChange): Promise<ZoneStatisticsUpdate>;
  /** Several violation edits in order, reported as one update. */
  applyViolationChanges(changes: readonly MeasuredViolationChange[]): Promise<ZoneStatisticsUpdate>;
  /** One zone edit (`before` null: addition; `after` null: deletion); re-measures that zone only. */
  applyZoneChange(change: ZoneChange): Promise<ZoneStatisticsUpdate>;
  /** Every zone's statistics, in zone order. Rejects before the first `load`. */
  statistics(): Promise<ZoneStatistics[]>;
  /** Stops the worker; later calls reject. Idempotent. */
  dispose(): void;
}

function trimChange({ before, after }: MeasuredViolationChange): MeasuredViolationChange {
  return { before: before === null ? null : toMeasuredViolation(before), after: after === null ? null : toMeasuredViolation(after) };
}

function trimZone(zone: Zone): Zone {
  return { type: 'Feature', id: zone.id, geometry: zone.geometry, properties: zone.properties };
}

/**
 * A client over any comlink endpoint that exposes the statistics worker API (a Worker, or a
 * MessagePort in tests). `failure` rejects when the endpoint dies (e.g. the worker script failed
 * to load), so that calls do not wait forever; `close` runs on dispose.
 */
export function createStatisticsClientOnEndpoint(endpoint: Endpoint, options: { failure?: Promise<never>; close?: () => void } = {}): StatisticsClient {
  const remote: Remote<StatisticsWorkerApi> = wrap<StatisticsWorkerApi>(endpoint);
  let disposed = false;
  // Messages must reach the worker in call order, but `load` packs (asynchronously) before it
  // sends: each call sends only after the previous one has been sent.
  let sent: Promise<unknown> = Promise.resolve();
  /** `send` posts the message and returns the reply, wrapped so that awaiting `send` waits only for the posting. */
  const call = <T>(send: () => Promise<{ reply: Promise<T> }>): Promise<T> => {
    if (disposed) return Promise.reject(new Error('statistics client: disposed'));
    const posted = sent.then(send);
    sent = posted.catch(() => undefined);
    const result = posted.then(({ reply }) => reply);
    return options.failure === undefined ? result : Promise.race([result, options.failure]);
  };
  return {
    load: (zones, violations) => call(async () => {
      const { packed, transferables } = await packViolationsInSlices(violations);
      // Posting clones the zones and the id text: a task of its own, not the last packing slice's.
      await nextTask();
      return { reply: remote.loadPacked(zones.map(trimZone), transfer(packed, transferables)) };
    }),
    applyViolationChange: (change) => call(async () => ({ reply: remote.applyViolationChange(trimChange(change)) })),
    applyViolationChanges: (changes) => call(async () => ({ reply: remote.applyViolationChanges(changes.map(trimChange)) })),
    applyZoneChange: (change) => call(async () => ({ reply: remote.applyZoneChange({ before: change.before && trimZone(change.before), after: change.after && trimZone(change.after) }) })),
    statistics: () => call(async () => ({ reply: remote.statistics() })),
    dispose() {
      if (disposed) return;
      disposed = true;
      options.close?.();
    },
  };
}

/**
 * The engine on the calling thread, behind the same interface. Results are the engine's own
 * objects (not copies): do not modify them.
 */
export function createInProcessStatisticsClient(): StatisticsClient {
  let engine: ZoneStatisticsEngine | null = null;
  let disposed = false;
  const run = async <T>(work: (engine: ZoneStatisticsEngine) => T): Promise<T> => {
    if (disposed) throw new Error('statistics client: disposed');
    if (engine === null) throw new Error('statistics client: load() first');
    return work(engine);
  };
  return {
    async load(zones, violations) {
      if (disposed) throw new Error('statistics client: disposed');
      engine = new ZoneStatisticsEngine(zones, violations);
      return engine.statistics();
    },
    applyViolationChange: (change) => run((loaded) => loaded.applyViolationChange(change)),
    applyViolationChanges: (changes) => run((loaded) => loaded.applyViolationChanges(changes)),
    applyZoneChange: (change) => run((loaded) => loaded.applyZoneChange(change)),
    statistics: () => run((loaded) => loaded.statistics()),
    dispose() {
      disposed = true;
      engine = null;
    },
  };
}

/**
 * The statistics client for the app: the engine in a module worker, or on the main thread where
 * module workers are unavailable (Node, old browsers).
 */
export function createStatisticsClient(): StatisticsClient {
  const started = startModuleWorker(() => new Worker(new URL('./statistics.worker.ts', import.meta.url), { type: 'module', name: 'statistics' }), 'statistics worker failed: ');
  if (!started) return createInProcessStatisticsClient();
  return createStatisticsClientOnEndpoint(started.worker, { failure: started.failure, close: started.close });
}
