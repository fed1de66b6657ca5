/**
 * What happens to a zone's land-use parcels and 小微园 sites when the zone is merged, split or
 * deleted, as the `related` records of the zone edit (same history entry, same transaction):
 * - merge: the absorbed zone's parcels and sites now belong to the merged zone;
 * - split: each goes to the part it lies in (the largest part keeps the zone's id);
 * - delete: the parcels (the plan is meaningless without its zone) and the sites are deleted with
 *   the zone — refused while a site still has enterprises allocated, since deleting the site would
 *   silently take their 入园 away; the planner 移出 them first (undo restores everything).
 */
import type { LandUseParcel } from '../domain/land-use';
import type { ParkSite, Zone } from '../domain/records';
import { partContaining } from '../geo/land-use-parts';
import type { KindEdit } from './edit-history';
import type { ProjectRecords } from './project-state';

export const ZONE_CASCADE_REASONS = {
  siteHasEnterprises: (zoneName: string, siteName: string, count: number) =>
    `区块「${zoneName}」内的小微园「${siteName}」已有 ${count} 家企业入园，不能随区块删除；请先在小微园面板中移出这些企业，或保留该区块`,
} as const;

type Owned = LandUseParcel | ParkSite;

function ownedBy<R extends Owned>(records: readonly R[], zoneId: string): R[] {
  return records.filter((record) => record.properties.zoneId === zoneId);
}

function repointed<R extends Owned>(record: R, zoneId: string): R {
  return { ...record, properties: { ...record.properties, zoneId } };
}

/** The absorbed zone's parcels and sites re-pointed to the merged zone. */
export function mergeCascade(records: ProjectRecords, absorbedZoneId: string, mergedZoneId: string): KindEdit[] {
  const parcels = ownedBy(records.landUseParcels, absorbedZoneId);
  const sites = ownedBy(records.parkSites, absorbedZoneId);
  return [
    { kind: 'landUseParcels', before: parcels, after: parcels.map((parcel) => repointed(parcel, mergedZoneId)) },
    { kind: 'parkSites', before: sites, after: sites.map((site) => repointed(site, mergedZoneId)) },
  ];
}

/** The split zone's parcels and sites that lie in a new part, re-pointed to it. */
export function splitCascade(records: ProjectRecords, zoneId: string, parts: readonly Zone[]): KindEdit[] {
  const geometries = parts.map((part) => part.geometry);
  const move = <R extends Owned>(owned: readonly R[]): { before: R[]; after: R[] } => {
    const before: R[] = [];
    const after: R[] = [];
    for (const record of owned) {
      const target = parts[partContaining(record.geometry, geometries)];
      if (!target || target.id === zoneId) continue;
      before.push(record);
      after.push(repointed(record, target.id));
    }
    return { before, after };
  };
  return [
    { kind: 'landUseParcels', ...move(ownedBy(records.landUseParcels, zoneId)) },
    { kind: 'parkSites', ...move(ownedBy(records.parkSites, zoneId)) },
  ];
}

/** The parcels and sites deleted with the zone, or the reason the zone may not be deleted. */
export function deleteCascade(records: ProjectRecords, zone: Zone): { ok: true; value: KindEdit[] } | { ok: false; reason: string } {
  const sites = ownedBy(records.parkSites, zone.id);
  for (const site of sites) {
    const count = records.enterprises.filter((enterprise) => enterprise.parkSiteId === site.id).length;
    if (count > 0) return { ok: false, reason: ZONE_CASCADE_REASONS.siteHasEnterprises(zone.properties.name, site.properties.name, count) };
  }
  return {
    ok: true,
    value: [
      { kind: 'landUseParcels', before: ownedBy(records.landUseParcels, zone.id), after: [] },
      { kind: 'parkSites', before: sites, after: [] },
    ],
  };
}
