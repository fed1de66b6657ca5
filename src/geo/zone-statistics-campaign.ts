/**
 * Per-zone campaign figures beside the violation statistics: the 城中村 households (征/签/腾/拆,
 * 签约率, 腾空率, 拆除数) of the 城中村 blocks attributed to each zone, and the 四无 units found and
 * rectified (整治率) inside each zone.
 *
 * Attribution of a 城中村 block (its household counts are whole numbers and cannot be split): the
 * block goes to the zone holding the largest part of its ellipsoidal area, provided that part is at
 * least half the block ({@link VILLAGE_BLOCK_MAJORITY_SHARE}); ties (shares within 1e-9) go to the
 * zone listed first. A
 * block is therefore counted in at most one zone — never twice, even where zones overlap — and a
 * block mostly outside every zone counts in none. A 四无 unit (a point) counts in every zone that
 * contains it (boundary included); zones do not normally overlap, so that is one zone.
 * Rates are 0…1, or null when the denominator is 0 (as in the township roll-ups).
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Position } from 'geojson';
import { addBlockHouseholds, emptyHouseholdProgress, fillHouseholdRates, rate, type HouseholdProgress } from '../domain/household-progress';
import type { FourNoUnit, VillageBlock, Zone } from '../domain/records';
import { measureOverlap } from './clip-area';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { type PreparedArea, prepareArea } from './prepared-area';
import { BoxGrid, geometryBoundingBox } from './spatial-index';

/** A 城中村 block counts in a zone holding at least this share of its area (and more than any other zone). */
export const VILLAGE_BLOCK_MAJORITY_SHARE = 0.5;
/** Shares closer than this are equal (a block split exactly in two measures 0.5 ± ~1e-15 per side). */
const SHARE_TOLERANCE = 1e-9;

export interface ZoneVillageFigures extends HouseholdProgress {
  /** Ids of the 城中村 blocks attributed to the zone, ascending. */
  blockIds: string[];
}

export interface ZoneFourNoFigures {
  /** 四无 units found (排查) inside the zone. */
  found: number;
  /** Those rectified (整治, `rectifiedOn` set). */
  rectified: number;
  /** 整治率 = rectified / found. */
  rectificationRate: number | null;
}

export interface ZoneCampaignFigures {
  zoneId: string;
  village: ZoneVillageFigures;
  fourNo: ZoneFourNoFigures;
}

function emptyFigures(zoneId: string): ZoneCampaignFigures {
  return {
    zoneId,
    village: { blockIds: [], ...emptyHouseholdProgress() },
    fourNo: { found: 0, rectified: 0, rectificationRate: null },
  };
}

function zoneGrid(zones: readonly Zone[]): BoxGrid {
  const boxes = new Float64Array(4 * zones.length);
  zones.forEach((zone, index) => boxes.set(geometryBoundingBox(zone.geometry), 4 * index));
  return new BoxGrid(boxes);
}

/**
 * For each 城中村 block attributed to a zone, the index of that zone in `zones` (see the module
 * comment for the rule). Blocks attributed to no zone are absent.
 */
export function attributeVillageBlocks(zones: readonly Zone[], blocks: readonly VillageBlock[], grid: BoxGrid = zoneGrid(zones)): Map<string, number> {
  const prepared = new Map<number, PreparedArea>();
  const areaOf = (index: number): PreparedArea => {
    let area = prepared.get(index);
    if (area === undefined) {
      area = prepareArea((zones[index] as Zone).geometry);
      prepared.set(index, area);
    }
    return area;
  };
  const attributed = new Map<string, number>();
  for (const block of blocks) {
    if (!block.geometry) continue;
    const blockArea = ellipsoidalAreaSquareMeters(block.geometry);
    if (!(blockArea > 0)) continue;
    let best = -1;
    let bestShare = -Infinity;
    for (const index of [...grid.search(geometryBoundingBox(block.geometry))].sort((a, b) => a - b)) {
      const share = measureOverlap(areaOf(index), block.geometry).insideAreaSquareMeters / blockArea;
      if (share > bestShare + SHARE_TOLERANCE) {
        best = index;
        bestShare = share;
      }
    }
    if (best >= 0 && bestShare >= VILLAGE_BLOCK_MAJORITY_SHARE - SHARE_TOLERANCE) attributed.set(block.id, best);
  }
  return attributed;
}

/** 四无 units sorted by longitude, for finding those in a zone's box by binary search. */
export interface FourNoIndex {
  readonly units: readonly FourNoUnit[];
  /** Longitude, latitude of each unit in `units`, ascending by longitude. */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
}

/** Indexes the 四无 units that have a point position (O(n log n)). */
export function indexFourNoUnits(units: readonly FourNoUnit[]): FourNoIndex {
  const order: number[] = [];
  const allXs = new Float64Array(units.length);
  units.forEach((unit, item) => {
    const position = unit.geometry?.coordinates;
    if (position === undefined || !Number.isFinite(position[0]) || !Number.isFinite(position[1])) return;
    allXs[item] = position[0] as number;
    order.push(item);
  });
  order.sort((a, b) => (allXs[a] as number) - (allXs[b] as number));
  return {
    units: order.map((item) => units[item] as FourNoUnit),
    xs: Float64Array.from(order, (item) => allXs[item] as number),
    ys: Float64Array.from(order, (item) => (units[item] as FourNoUnit).geometry.coordinates[1] as number),
  };
}

/** The 四无 units inside one zone (boundary inside, holes outside), found and rectified. */
export function countFourNoUnits(zone: Zone, index: FourNoIndex): ZoneFourNoFigures {
  const [west, south, east, north] = geometryBoundingBox(zone.geometry);
  let low = 0;
  let high = index.xs.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((index.xs[middle] as number) < west) low = middle + 1;
    else high = middle;
  }
  let found = 0;
  let rectified = 0;
  for (let item = low; item < index.xs.length && (index.xs[item] as number) <= east; item++) {
    const y = index.ys[item] as number;
    if (y < south || y > north) continue;
    const unit = index.units[item] as FourNoUnit;
    if (!booleanPointInPolygon(unit.geometry.coordinates as Position, zone.geometry)) continue;
    found += 1;
    if (unit.properties.rectifiedOn) rectified += 1;
  }
  return { found, rectified, rectificationRate: rate(rectified, found) };
}

/** The 城中村 figures of every zone (in the order of `zones`) from the blocks attributed to it. */
export function computeZoneVillageFigures(zones: readonly Zone[], blocks: readonly VillageBlock[]): ZoneVillageFigures[] {
  const figures = zones.map((zone) => emptyFigures(zone.id).village);
  if (zones.length === 0) return figures;
  const blocksById = new Map(blocks.map((block) => [block.id, block]));
  for (const [blockId, index] of attributeVillageBlocks(zones, blocks)) {
    const village = figures[index] as ZoneVillageFigures;
    village.blockIds.push(blockId);
    addBlockHouseholds(village, (blocksById.get(blockId) as VillageBlock).properties);
  }
  for (const village of figures) {
    village.blockIds.sort();
    fillHouseholdRates(village);
  }
  return figures;
}

/** The campaign figures of every zone, in the order of `zones`. */
export function computeZoneCampaignFigures(zones: readonly Zone[], blocks: readonly VillageBlock[], units: readonly FourNoUnit[]): ZoneCampaignFigures[] {
  const village = computeZoneVillageFigures(zones, blocks);
  const index = indexFourNoUnits(units);
  return zones.map((zone, position) => ({ zoneId: zone.id, village: village[position] as ZoneVillageFigures, fourNo: countFourNoUnits(zone, index) }));
}
