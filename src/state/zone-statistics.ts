/**
 * Per-zone statistics of the loaded project, memoised on the records they depend on so repeated
 * reads (panel, handle, ledger) do not recompute.
 */
import { computeZoneStatistics, type ZoneStatistics } from '../geo/zone-statistics';
import type { ProjectRecords } from './project-state';

let cached: { zones: unknown; violations: unknown; result: ZoneStatistics[] } | null = null;

export function selectZoneStatistics(records: ProjectRecords): ZoneStatistics[] {
  if (cached && cached.zones === records.zones && cached.violations === records.violations) return cached.result;
  const result = computeZoneStatistics(records.zones, records.violations);
  cached = { zones: records.zones, violations: records.violations, result };
  return result;
}
