/**
 * 入园: allocating an enterprise to a 小微园 site (or releasing it) updates the enterprise and the
 * site's allocated floor area together, in one IndexedDB transaction (`saveChanges`).
 */
import { allocateEnterprise, releaseEnterprise, summariseParkAllocation, type ParkAllocationSummary } from '../domain/park-allocation';
import type { ProjectService } from './project-service';
import type { ProjectRecords } from './project-state';

export type AllocationCommandResult = { ok: true } | { ok: false; reason: string };

/** Allocates; a refusal (negative list, over capacity …) comes back as its reason and saves nothing. */
export async function allocateEnterpriseToSite(service: ProjectService, enterpriseId: string, siteId: string): Promise<AllocationCommandResult> {
  const { records } = service.store.getState();
  const result = allocateEnterprise(
    records.enterprises.find((enterprise) => enterprise.id === enterpriseId),
    records.parkSites.find((site) => site.id === siteId),
  );
  if (!result.ok) return result;
  try {
    await service.saveChanges([
      { kind: 'enterprises', put: [result.enterprise] },
      { kind: 'parkSites', put: [result.site] },
    ]);
  } catch {
    // The save status shows the storage fault; the allocation stays in memory.
  }
  return { ok: true };
}

/** Takes the enterprise out of its site, in one transaction. */
export async function releaseEnterpriseFromSite(service: ProjectService, enterpriseId: string): Promise<AllocationCommandResult> {
  const { records } = service.store.getState();
  const enterprise = records.enterprises.find((candidate) => candidate.id === enterpriseId);
  const site = records.parkSites.find((candidate) => candidate.id === enterprise?.parkSiteId);
  if (!enterprise || !site) return { ok: false, reason: '该企业未入园' };
  const released = releaseEnterprise(enterprise, site);
  try {
    await service.saveChanges([
      { kind: 'enterprises', put: [released.enterprise] },
      { kind: 'parkSites', put: [released.site] },
    ]);
  } catch {
    // Shown in the save status.
  }
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
