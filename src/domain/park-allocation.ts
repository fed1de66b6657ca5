/**
 * 小微园 site allocation: enterprises enter park sites (入园) with the floor area they need. A site is
 * never over-allocated, and industries on the negative list (负面清单) are refused with a reason.
 * Figures per site, per zone and for the county (against the annual 小微园 target).
 */
import type { Enterprise, ParkSite, Target } from './records';

/**
 * The negative list of industries not admitted to 小微园. The city report in the sources asks to
 * "加强企业入园资格审核，严格实行负面清单管理" without printing the list; these are the heavily
 * polluting trades that Zhejiang's 小微企业园 rules commonly exclude (电镀、印染、制革、化工 and
 * similar), an example set to be replaced by the county's published list.
 */
export const NEGATIVE_LIST_INDUSTRIES = ['电镀', '印染', '制革', '化工', '造纸', '铸造'] as const;

export const ALLOCATION_REASONS = {
  enterpriseMissing: '找不到该企业',
  siteMissing: '找不到该小微园',
  alreadyAllocated: '该企业已入园',
  notPositive: '企业所需建筑面积须大于 0',
  negativeList: (industry: string, listed: string) => `行业“${industry}”属于入园负面清单（${listed}），不予入园`,
  overCapacity: (needed: number, free: number) =>
    `所需建筑面积 ${Math.round(needed).toLocaleString('zh-CN')} m² 超过剩余面积 ${Math.round(free).toLocaleString('zh-CN')} m²`,
} as const;

/** The negative-list entry the industry falls under (by substring, e.g. 五金电镀 → 电镀), or null. */
export function negativeListEntry(industry: string): string | null {
  return NEGATIVE_LIST_INDUSTRIES.find((entry) => industry.includes(entry)) ?? null;
}

export type AllocationResult = { ok: true; enterprise: Enterprise; site: ParkSite } | { ok: false; reason: string };

/**
 * Allocates the enterprise to the site: the updated enterprise (with `parkSiteId`) and site (with
 * `allocatedSquareMeters` grown by the enterprise's need), or the reason for refusing.
 */
export function allocateEnterprise(enterprise: Enterprise | undefined, site: ParkSite | undefined): AllocationResult {
  if (!enterprise) return { ok: false, reason: ALLOCATION_REASONS.enterpriseMissing };
  if (!site) return { ok: false, reason: ALLOCATION_REASONS.siteMissing };
  if (enterprise.parkSiteId !== null) return { ok: false, reason: ALLOCATION_REASONS.alreadyAllocated };
  const listed = negativeListEntry(enterprise.industry);
  if (listed) return { ok: false, reason: ALLOCATION_REASONS.negativeList(enterprise.industry, listed) };
  const needed = enterprise.floorAreaNeededSquareMeters;
  if (!(needed > 0)) return { ok: false, reason: ALLOCATION_REASONS.notPositive };
  const free = site.properties.capacitySquareMeters - site.properties.allocatedSquareMeters;
  if (needed > free) return { ok: false, reason: ALLOCATION_REASONS.overCapacity(needed, free) };
  return {
    ok: true,
    enterprise: { ...enterprise, parkSiteId: site.id },
    site: { ...site, properties: { ...site.properties, allocatedSquareMeters: site.properties.allocatedSquareMeters + needed } },
  };
}

/** Takes the enterprise out of its site (the site's allocated area shrinks by its need, not below 0). */
export function releaseEnterprise(enterprise: Enterprise, site: ParkSite): { enterprise: Enterprise; site: ParkSite } {
  const allocated = Math.max(0, site.properties.allocatedSquareMeters - enterprise.floorAreaNeededSquareMeters);
  return { enterprise: { ...enterprise, parkSiteId: null }, site: { ...site, properties: { ...site.properties, allocatedSquareMeters: allocated } } };
}

export interface ParkFigures {
  /** Site id, zone id or 'county'. */
  id: string;
  name: string;
  capacitySquareMeters: number;
  allocatedSquareMeters: number;
  /** Capacity − allocated (negative only if stored data is over-allocated). */
  freeSquareMeters: number;
  enterpriseCount: number;
}

function figuresOf(id: string, name: string, sites: readonly ParkSite[], enterprises: readonly Enterprise[]): ParkFigures {
  const ids = new Set(sites.map((site) => site.id));
  const capacitySquareMeters = sites.reduce((sum, site) => sum + site.properties.capacitySquareMeters, 0);
  const allocatedSquareMeters = sites.reduce((sum, site) => sum + site.properties.allocatedSquareMeters, 0);
  return {
    id,
    name,
    capacitySquareMeters,
    allocatedSquareMeters,
    freeSquareMeters: capacitySquareMeters - allocatedSquareMeters,
    enterpriseCount: enterprises.filter((enterprise) => enterprise.parkSiteId !== null && ids.has(enterprise.parkSiteId)).length,
  };
}

export interface ParkAllocationSummary {
  sites: ParkFigures[];
  /** Zones with at least one site, in zone order. */
  zones: ParkFigures[];
  county: ParkFigures & {
    /** Sum of the townships' annual 小微园 floor-area targets for `year`, m². */
    targetSquareMeters: number;
    /** County capacity / target (0 when there is no target). */
    targetRate: number;
  };
  /** Enterprises still waiting for a site, in list order. */
  waiting: Enterprise[];
}

export function summariseParkAllocation(
  sites: readonly ParkSite[],
  enterprises: readonly Enterprise[],
  zones: readonly { id: string; properties: { name: string } }[],
  targets: readonly Target[],
  year: number,
): ParkAllocationSummary {
  const siteFigures = sites.map((site) => figuresOf(site.id, site.properties.name, [site], enterprises));
  const zoneFigures = zones.flatMap((zone) => {
    const ofZone = sites.filter((site) => site.properties.zoneId === zone.id);
    return ofZone.length > 0 ? [figuresOf(zone.id, zone.properties.name, ofZone, enterprises)] : [];
  });
  const county = figuresOf('county', '全县', sites, enterprises);
  const targetSquareMeters = targets.filter((target) => target.year === year).reduce((sum, target) => sum + target.parkFloorSquareMeters, 0);
  return {
    sites: siteFigures,
    zones: zoneFigures,
    county: { ...county, targetSquareMeters, targetRate: targetSquareMeters > 0 ? county.capacitySquareMeters / targetSquareMeters : 0 },
    waiting: enterprises.filter((enterprise) => enterprise.parkSiteId === null),
  };
}
