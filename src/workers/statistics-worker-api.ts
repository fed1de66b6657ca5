/**
 * What the statistics worker exposes (through comlink): a thin adapter over the
 * {@link ZoneStatisticsEngine}. Kept apart from `statistics.worker.ts` so that Node tests can call
 * it directly or over a MessageChannel. All arguments and results are plain data.
 */
import type { Zone } from '../domain/records';
import { type MeasuredViolationChange, type ZoneChange, ZoneStatisticsEngine, type ZoneStatisticsUpdate } from '../geo/zone-statistics-engine';
import type { MeasuredViolation, ZoneStatistics } from '../geo/zone-statistics';
import { type PackedViolations, viewPackedViolations } from './statistics-transfer';

export interface StatisticsWorkerApi {
  /** Builds the indexes (replacing any loaded before) and returns every zone's statistics. */
  load(zones: Zone[], violations: MeasuredViolation[]): ZoneStatistics[];
  /** {@link StatisticsWorkerApi.load} with the violations packed (see `statistics-transfer.ts`). */
  loadPacked(zones: Zone[], violations: PackedViolations): ZoneStatistics[];
  applyViolationChange(change: MeasuredViolationChange): ZoneStatisticsUpdate;
  applyViolationChanges(changes: MeasuredViolationChange[]): ZoneStatisticsUpdate;
  applyZoneChange(change: ZoneChange): ZoneStatisticsUpdate;
  /** Every zone's statistics, in zone order. */
  statistics(): ZoneStatistics[];
}

/** A fresh API with no engine; every call but `load`/`loadPacked` throws until one is loaded. */
export function createStatisticsWorkerApi(): StatisticsWorkerApi {
  let engine: ZoneStatisticsEngine | null = null;
  const loaded = (): ZoneStatisticsEngine => {
    if (engine === null) throw new Error('statistics worker: load() first');
    return engine;
  };
  return {
    load(zones, violations) {
      engine = new ZoneStatisticsEngine(zones, violations);
      return engine.statistics();
    },
    loadPacked(zones, packed) {
      const { violations, boxes } = viewPackedViolations(packed);
      engine = new ZoneStatisticsEngine(zones, violations, { boxes });
      return engine.statistics();
    },
    applyViolationChange: (change) => loaded().applyViolationChange(change),
    applyViolationChanges: (changes) => loaded().applyViolationChanges(changes),
    applyZoneChange: (change) => loaded().applyZoneChange(change),
    statistics: () => loaded().statistics(),
  };
}
