/**
 * The per-zone figures the views show: the violation statistics of the statistics engine (worker),
 * joined with the zone's 城中村 and 四无 figures (computed here on the main thread, memoised: tens of
 * blocks and a few thousand points; ~40 ms of CPU for the 16,000 units × 500 zones of the
 * 100,000-violation county, then only a changed zone is recounted).
 */
import type { ZoneStatistics } from '../geo/zone-statistics';
import type { Zone } from '../domain/records';
import {
  computeZoneVillageFigures, countFourNoUnits, type FourNoIndex, indexFourNoUnits, type ZoneCampaignFigures, type ZoneFourNoFigures, type ZoneVillageFigures,
} from '../geo/zone-statistics-campaign';
import type { ProjectRecords } from './project-state';
import type { StatisticsSnapshot } from './statistics-service';

/** One zone's figures: the engine's violation statistics plus 城中村 (`village`) and 四无 (`fourNo`). */
export type ZoneFigures = ZoneStatistics & Omit<ZoneCampaignFigures, 'zoneId'>;

let villageCache: { zones: unknown; villageBlocks: unknown; result: Map<string, ZoneVillageFigures> } | null = null;
let fourNoCache: { fourNoUnits: unknown; index: FourNoIndex; byZone: WeakMap<Zone, ZoneFourNoFigures> } | null = null;

/**
 * The 城中村 and 四无 figures of every zone, by zone id. 城中村 figures are recomputed when the zones
 * or blocks change (a block's attribution depends on every zone); 四无 figures per zone object, so a
 * zone edit recounts only that zone (and nothing is recounted after a violation edit).
 */
export function selectZoneCampaignFigures(records: ProjectRecords): Map<string, ZoneCampaignFigures> {
  if (!villageCache || villageCache.zones !== records.zones || villageCache.villageBlocks !== records.villageBlocks) {
    const figures = computeZoneVillageFigures(records.zones, records.villageBlocks);
    villageCache = { zones: records.zones, villageBlocks: records.villageBlocks, result: new Map(records.zones.map((zone, index) => [zone.id, figures[index] as ZoneVillageFigures])) };
  }
  if (!fourNoCache || fourNoCache.fourNoUnits !== records.fourNoUnits) {
    fourNoCache = { fourNoUnits: records.fourNoUnits, index: indexFourNoUnits(records.fourNoUnits), byZone: new WeakMap() };
  }
  const result = new Map<string, ZoneCampaignFigures>();
  for (const zone of records.zones) {
    let fourNo = fourNoCache.byZone.get(zone);
    if (fourNo === undefined) {
      fourNo = countFourNoUnits(zone, fourNoCache.index);
      fourNoCache.byZone.set(zone, fourNo);
    }
    const village = villageCache.result.get(zone.id);
    if (village !== undefined) result.set(zone.id, { zoneId: zone.id, village, fourNo });
  }
  return result;
}

let figuresCache: { records: unknown; snapshot: unknown; result: ZoneFigures[] } | null = null;

/**
 * The figures of every zone in the order of `records.zones`, for the zones the engine has answered
 * for (a zone added a moment ago appears once its statistics arrive).
 */
export function selectZoneFigures(records: ProjectRecords, snapshot: StatisticsSnapshot): ZoneFigures[] {
  const cached = figuresCache;
  if (cached && cached.records === records && cached.snapshot === snapshot) return cached.result;
  const campaign = selectZoneCampaignFigures(records);
  const result: ZoneFigures[] = [];
  for (const zone of records.zones) {
    const statistics = snapshot.byZoneId?.get(zone.id);
    const figures = campaign.get(zone.id);
    if (statistics === undefined || figures === undefined) continue;
    result.push({ ...statistics, village: figures.village, fourNo: figures.fourNo });
  }
  figuresCache = { records, snapshot, result };
  return result;
}

/** One zone's entry of {@link selectZoneFigures} (the same object), or null while it has none. */
export function selectFiguresOfZone(records: ProjectRecords, snapshot: StatisticsSnapshot, zoneId: string): ZoneFigures | null {
  return selectZoneFigures(records, snapshot).find((figures) => figures.zoneId === zoneId) ?? null;
}
