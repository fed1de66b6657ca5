/**
 * 入园: allocating an enterprise to a 小微园 site (or releasing it) updates the enterprise and the
 * site's allocated floor area together, in one IndexedDB transaction, as one entry of the planning
 * map's undo/redo history (the zone editor's, so the same buttons take it back).
 */
import { allocateEnterprise, releaseEnterprise, summariseParkAllocation, type ParkAllocationSummary } from '../domain/park-allocation';
import type { Enterprise, ParkSite } from '../domain/records';
import type { ProjectService } from './project-service';
import type { ProjectRecords } from './project-state';
import { zoneEditorFor } from './zone-editor';

export const PARK_ALLOCATION_LABELS = {
  allocate: (name: string) => `企业入园：${name}`,
  release: (name: string) => `企业移出：${name}`,
} as const;

/** Records the change of the enterprise and its site as one history entry and one transaction. */
async function saveAllocation(service: ProjectService, label: string, before: [Enterprise, ParkSite], after: [Enterprise, ParkSite]): Promise<void> {
  await zoneEditorFor(service).applyEdit({
    kind: 'enterprises',
    label,
    before: [before[0]],
    after: [after[0]],
    related: [{ kind: 'parkSites', before: [before[1]], after: [after[1]] }],
  });
}

export type AllocationCommandResult = { ok: true } | { ok: false; reason: string };

/** Allocates; a refusal (negative list, over capacity …) comes back as its reason and saves nothing. */
export async function allocateEnterpriseToSite(service: ProjectService, enterpriseId: string, siteId: string): Promise<AllocationCommandResult> {
  const { records } = service.store.getState();
  const enterprise = records.enterprises.find((candidate) => candidate.id === enterpriseId);
  const site = records.parkSites.find((candidate) => candidate.id === siteId);
  const result = allocateEnterprise(enterprise, site);
  if (!result.ok) return result;
  if (!enterprise || !site) return { ok: false, reason: '找不到该企业或小微园' };
  // A failed write shows in the save status; the allocation stays in memory.
  await saveAllocation(service, PARK_ALLOCATION_LABELS.allocate(enterprise.name), [enterprise, site], [result.enterprise, result.site]);
  return { ok: true };
}

/** Takes the enterprise out of its site, in one transaction. */
export async function releaseEnterpriseFromSite(service: ProjectService, enterpriseId: string): Promise<AllocationCommandResult> {
  const { records } = service.store.getState();
  const enterprise = records.enterprises.find((candidate) => candidate.id === enterpriseId);
  const site = records.parkSites.find((candidate) => candidate.id === enterprise?.parkSiteId);
  if (!enterprise || !site) return { ok: false, reason: '该企业未入园' };
  const released = releaseEnterprise(enterprise, site);
  await saveAllocation(service, PARK_ALLOCATION_LABELS.release(enterprise.name), [enterprise, site], [released.enterprise, released.site]);
  return { ok: true };
}

let cached: { sites: unknown; enterprises: unknown; zones: unknown; targets: unknown; year: number; result: ParkAllocationSummary } | null = null;

/** Capacity, allocated, free and enterprises per site, zone and county; memoised on the records it reads. */
export function selectParkAllocation(records: ProjectRecords, year: number): ParkAllocationSummary {
  if (cached && cached.sites === records.parkSites && cached.enterprises === records.enterprises && cached.zones === records.zones && cached.targets === records.targets && cached.year === year) {
    return cached.result;
  }
  const result = summariseParkAllocation(records.parkSites, records.enterprises, records.zones, records.targets, year);
  cached = { sites: records.parkSites, enterprises: records.enterprises, zones: records.zones, targets: records.targets, year, result };
  return result;
}
