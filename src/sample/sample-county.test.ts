import {
  booleanIntersects,
  booleanPointInPolygon,
  kinks,
  polygonToLine,
} from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, test } from 'vitest';
import type { AreaGeometry } from '../domain/records';
import { isDemolished, VIOLATION_STATUSES, type ViolationStatus } from '../domain/violation-status';
import { ellipsoidalAreaSquareMeters, ringSignedAreaSquareMeters } from '../geo/ellipsoidal-area';
import { DEFAULT_SAMPLE_COUNTY_OPTIONS, generateCounty, type SampleCounty } from './sample-county';

function memo<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}
/** A small county for the structural checks; the default county where the figures matter. */
const smallCounty = memo(() => generateCounty({ seed: 7, violationCount: 500 }));
const defaultCounty = memo(() => generateCounty(DEFAULT_SAMPLE_COUNTY_OPTIONS));

function polygonsOf(geometry: AreaGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function boundingBox(geometry: AreaGeometry): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygonsOf(geometry)) {
    for (const [x, y] of polygon[0] ?? []) {
      box[0] = Math.min(box[0], x as number);
      box[1] = Math.min(box[1], y as number);
      box[2] = Math.max(box[2], x as number);
      box[3] = Math.max(box[3], y as number);
    }
  }
  return box;
}

function indexOf(features: readonly Feature<AreaGeometry>[]): Flatbush {
  const index = new Flatbush(Math.max(1, features.length));
  for (const feature of features) index.add(...boundingBox(feature.geometry));
  if (features.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

/** Why a polygon geometry is invalid, or null: closed rings, RFC 7946 winding, 7 decimals, no self-intersection. */
function geometryProblem(geometry: AreaGeometry): string | null {
  for (const polygon of polygonsOf(geometry)) {
    for (const [ringIndex, ring] of polygon.entries()) {
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) return 'ring not closed';
      const area = ringSignedAreaSquareMeters(ring);
      if (ringIndex === 0 ? area <= 0 : area >= 0) return ringIndex === 0 ? 'outer ring not counter-clockwise' : 'hole not clockwise';
      for (const position of ring) {
        for (const value of position) if (Math.round(value * 1e7) / 1e7 !== value) return `more than 7 decimals: ${value}`;
      }
    }
  }
  if (kinks({ type: 'Feature', geometry, properties: {} } as Feature<Polygon | MultiPolygon>).features.length > 0) return 'self-intersection';
  return null;
}

function everyVertexInside(inner: AreaGeometry, outer: AreaGeometry): boolean {
  return polygonsOf(inner).every((polygon) => (polygon[0] ?? []).every((position) => booleanPointInPolygon(position, outer)));
}

function overlappingPairs(features: readonly Feature<AreaGeometry>[]): [string, string][] {
  const index = indexOf(features);
  const pairs: [string, string][] = [];
  features.forEach((feature, position) => {
    for (const other of index.search(...boundingBox(feature.geometry))) {
      if (other > position && booleanIntersects(feature, features[other] as Feature<AreaGeometry>)) pairs.push([String(feature.id), String(features[other]?.id)]);
    }
  });
  return pairs;
}

describe('generateCounty', () => {
  test('is deterministic: same options give identical output, another seed a different county', () => {
    const again = generateCounty({ seed: 7, violationCount: 500 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(smallCounty()));
    const other = generateCounty({ seed: 8, violationCount: 500 });
    expect(JSON.stringify(other.records.violations)).not.toBe(JSON.stringify(smallCounty().records.violations));
    // Three generations of the small county: a few seconds on a loaded machine.
  }, 30_000);

  test('produces the requested counts and the named places', () => {
    const { records, baseMap } = smallCounty();
    expect(records.townships.map((township) => township.properties.name)).toEqual(['灵溪镇', '龙港镇', '宜山镇', '金乡镇', '钱库镇', '望里镇', '藻溪镇']);
    expect(records.villages).toHaveLength(60);
    expect(records.villageBlocks).toHaveLength(12);
    expect(records.industrialBlocks).toHaveLength(8);
    expect(records.violations).toHaveLength(500);
    expect(records.zones).toHaveLength(15);
    expect(records.parkSites.length).toBeGreaterThanOrEqual(4);
    expect(records.parkSites.length).toBeLessThanOrEqual(6);
    expect(records.enterprises).toHaveLength(40);
    expect(records.fourNoUnits).toHaveLength(80);
    expect(records.targets).toHaveLength(7);
    expect(records.snapshots).toHaveLength(7 * 12);
    expect(baseMap.roads.features.length).toBe(25);
    expect(baseMap.rivers.features.map((river) => river.properties.name)).toContain('横阳支江');
    const villageNames = records.villages.map((village) => village.properties.name);
    expect(new Set(villageNames).size).toBe(villageNames.length);
    expect(villageNames).toEqual(expect.arrayContaining(['下汇周村', '江口村', '上垟庄村']));
    const liangzhai = records.villages.find((village) => village.properties.name === '梁宅村');
    const yishan = records.townships.find((township) => township.properties.name === '宜山镇');
    expect(liangzhai?.properties.townshipId).toBe(yishan?.id);
    for (const list of Object.values(records)) {
      const ids = (list as { id: string }[]).map((record) => record.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('every polygon is valid: closed, CCW outer rings, CW holes, 7 decimals, no self-intersection', () => {
    const { records } = smallCounty();
    const polygons = [...records.townships, ...records.villages, ...records.villageBlocks, ...records.industrialBlocks, ...records.violations, ...records.zones, ...records.parkSites, ...records.gridCells];
    const problems = polygons.flatMap((feature) => {
      const problem = geometryProblem(feature.geometry);
      return problem === null ? [] : [`${feature.id}: ${problem}`];
    });
    expect(problems).toEqual([]);
    for (const zone of records.zones) expect(zone.geometry.coordinates).toHaveLength(1);
  });

  test('every violation lies inside its village, and the village inside the violation township', () => {
    const { records } = smallCounty();
    const villages = new Map(records.villages.map((village) => [village.id, village]));
    const townships = new Map(records.townships.map((township) => [township.id, township]));
    for (const violation of records.violations) {
      const village = villages.get(violation.properties.villageId);
      const township = townships.get(violation.properties.townshipId);
      expect(village?.properties.townshipId).toBe(township?.id);
      expect(everyVertexInside(violation.geometry, (village as Feature<AreaGeometry>).geometry), violation.id).toBe(true);
      expect(everyVertexInside(violation.geometry, (township as Feature<AreaGeometry>).geometry), violation.id).toBe(true);
    }
  });

  test('stored areas are the ellipsoidal areas of the stored geometry, within 10–3,000 m²', () => {
    const { records } = smallCounty();
    for (const violation of records.violations) {
      const area = ellipsoidalAreaSquareMeters(violation.geometry);
      expect(Math.abs(area - violation.properties.areaSquareMeters) / area).toBeLessThanOrEqual(1e-9);
      expect(area).toBeGreaterThanOrEqual(10);
      expect(area).toBeLessThanOrEqual(3000);
    }
    for (const block of [...records.villageBlocks, ...records.industrialBlocks]) {
      expect(block.properties.areaSquareMeters).toBe(ellipsoidalAreaSquareMeters(block.geometry));
    }
  });

  test('no two violations overlap or touch', () => {
    expect(overlappingPairs(smallCounty().records.violations)).toEqual([]);
  });

  test('status dates follow the lifecycle and stay within 2025-12-01 … 2026-11-20', () => {
    for (const { id, properties } of smallCounty().records.violations) {
      const { status, statusDates, origin, disposalClass, yearBuilt } = properties;
      const passed = VIOLATION_STATUSES.filter((step) => statusDates[step] !== undefined);
      expect(passed[0], id).toBe('发现');
      expect(passed[passed.length - 1], id).toBe(status);
      const expected: ViolationStatus[] = ['发现', '认定', '处置中', statusDates['已拆除'] ? '已拆除' : '已整改', '销号'];
      expect(passed, id).toEqual(expected.slice(0, passed.length));
      const dates = passed.map((step) => statusDates[step] as string);
      expect([...dates].sort(), id).toEqual(dates);
      expect(dates[0]! >= '2025-12-01' && dates[dates.length - 1]! <= '2026-11-20', id).toBe(true);
      if (origin === '新增') {
        expect(disposalClass).toBeNull();
        expect(statusDates['发现']! >= '2026-01-01').toBe(true);
        expect(yearBuilt).toBeGreaterThanOrEqual(2025);
      } else {
        expect(disposalClass).not.toBeNull();
      }
      if (statusDates['已拆除']) expect(origin === '新增' || disposalClass === '拆除').toBe(true);
    }
  });

  test('zones are simple counter-clockwise rings and do not overlap each other', () => {
    const { zones } = smallCounty().records;
    expect(overlappingPairs(zones)).toEqual([]);
    expect(new Set(zones.map((zone) => zone.properties.name)).size).toBe(zones.length);
    for (const zone of zones) expect(zone.properties.plannedStart < zone.properties.plannedFinish).toBe(true);
  });

  test('village blocks keep 征 ≥ 签 ≥ 腾 ≥ 拆 and lie in their village; block sizes are realistic', () => {
    const { villageBlocks, industrialBlocks, villages } = smallCounty().records;
    for (const block of villageBlocks) {
      const { households, expropriatedHouseholds, signedHouseholds, vacatedHouseholds, demolishedHouseholds, areaSquareMeters } = block.properties;
      expect(households).toBeGreaterThanOrEqual(expropriatedHouseholds);
      expect(expropriatedHouseholds).toBeGreaterThanOrEqual(signedHouseholds);
      expect(signedHouseholds).toBeGreaterThanOrEqual(vacatedHouseholds);
      expect(vacatedHouseholds).toBeGreaterThanOrEqual(demolishedHouseholds);
      expect(demolishedHouseholds).toBeGreaterThanOrEqual(0);
      expect(areaSquareMeters).toBeGreaterThanOrEqual(15e4);
      expect(areaSquareMeters).toBeLessThanOrEqual(60e4);
      const village = villages.find((candidate) => candidate.id === block.properties.villageId);
      expect(everyVertexInside(block.geometry, (village as Feature<AreaGeometry>).geometry)).toBe(true);
      expect(village!.properties.households).toBeGreaterThan(households);
    }
    for (const block of industrialBlocks) {
      expect(block.properties.areaSquareMeters).toBeGreaterThanOrEqual(20e4);
      expect(block.properties.areaSquareMeters).toBeLessThanOrEqual(120e4);
    }
  });

  test('park sites lie in their zone and their allocations fit their capacity', () => {
    const { parkSites, zones, enterprises } = smallCounty().records;
    for (const site of parkSites) {
      const zone = zones.find((candidate) => candidate.id === site.properties.zoneId);
      expect(everyVertexInside(site.geometry, (zone as Feature<AreaGeometry>).geometry)).toBe(true);
      const { capacitySquareMeters, allocatedSquareMeters, plotRatio, stageDates } = site.properties;
      expect(plotRatio).toBeGreaterThanOrEqual(1.5);
      expect(plotRatio).toBeLessThanOrEqual(3);
      expect(Math.abs(capacitySquareMeters - ellipsoidalAreaSquareMeters(site.geometry) * plotRatio)).toBeLessThanOrEqual(0.5);
      const allocated = enterprises.filter((enterprise) => enterprise.parkSiteId === site.id).reduce((sum, enterprise) => sum + enterprise.floorAreaNeededSquareMeters, 0);
      expect(allocatedSquareMeters).toBe(allocated);
      expect(allocatedSquareMeters).toBeLessThanOrEqual(capacitySquareMeters);
      const dates = (['规划', '开工', '竣工'] as const).flatMap((stage) => stageDates[stage] ?? []);
      expect([...dates].sort()).toEqual(dates);
      expect(stageDates[site.properties.stage]).toBeDefined();
    }
    expect(enterprises.some((enterprise) => enterprise.parkSiteId === null)).toBe(true);
  });

  test('four-no units lie in their village and are rectified after they were found', () => {
    const { fourNoUnits, villages } = smallCounty().records;
    for (const unit of fourNoUnits) {
      const village = villages.find((candidate) => candidate.id === unit.properties.villageId);
      expect(booleanPointInPolygon(unit.geometry.coordinates, (village as Feature<AreaGeometry>).geometry)).toBe(true);
      expect(unit.properties.problems.length).toBeGreaterThan(0);
      if (unit.properties.rectifiedOn !== null) expect(unit.properties.rectifiedOn >= unit.properties.foundOn).toBe(true);
    }
  });

  test('weekly snapshots are cumulative and end at the state of the records', () => {
    const { snapshots, violations, fourNoUnits, villageBlocks, townships } = smallCounty().records;
    for (const township of townships) {
      const weeks = snapshots.filter((snapshot) => snapshot.townshipId === township.id);
      expect(weeks.map((week) => week.weekEnding)).toHaveLength(12);
      expect(weeks[11]?.weekEnding).toBe('2026-11-20');
      for (const week of weeks) expect(new Date(`${week.weekEnding}T00:00:00Z`).getUTCDay()).toBe(5);
      for (let index = 1; index < weeks.length; index++) {
        const [previous, current] = [weeks[index - 1]!, weeks[index]!];
        expect(current.demolishedSquareMeters).toBeGreaterThanOrEqual(previous.demolishedSquareMeters);
        expect(current.violationsFound).toBeGreaterThanOrEqual(previous.violationsFound);
        expect(current.fourNoUnitsRectified).toBeGreaterThanOrEqual(previous.fourNoUnitsRectified);
        expect(current.signedHouseholds).toBeGreaterThanOrEqual(previous.signedHouseholds);
      }
      const last = weeks[11]!;
      const own = violations.filter((violation) => violation.properties.townshipId === township.id);
      const demolished = own
        .filter(({ properties }) => isDemolished(properties.status, properties.statusDates) && properties.statusDates['已拆除']! <= last.weekEnding)
        .reduce((sum, violation) => sum + violation.properties.areaSquareMeters, 0);
      expect(last.demolishedSquareMeters).toBe(demolished);
      expect(last.violationsFound).toBe(own.length);
      expect(last.fourNoUnitsRectified).toBe(fourNoUnits.filter((unit) => unit.properties.townshipId === township.id && unit.properties.rectifiedOn !== null).length);
      expect(last.signedHouseholds).toBe(villageBlocks.filter((block) => block.properties.townshipId === township.id).reduce((sum, block) => sum + block.properties.signedHouseholds, 0));
    }
  });
});

describe('the default county (5,000 violations, 15 zones)', () => {
  const county = (): SampleCounty => defaultCounty();

  test('has county-scale figures: demolished 60–100 万m², targets summing to the documents’ figures (四无 at sample scale)', () => {
    const { violations, targets, fourNoUnits } = county().records;
    const demolished = violations
      .filter(({ properties }) => isDemolished(properties.status, properties.statusDates))
      .reduce((sum, violation) => sum + violation.properties.areaSquareMeters, 0);
    expect(demolished).toBeGreaterThan(60e4);
    expect(demolished).toBeLessThan(100e4);
    expect(targets.reduce((sum, target) => sum + target.demolitionSquareMeters, 0)).toBe(80e4);
    // The 四无 target matches the sample's units (found ≈ 80–100 % of target), not the documents' 9,000.
    const fourNoTarget = targets.reduce((sum, target) => sum + target.fourNoUnitsFound, 0);
    expect(fourNoUnits.length / fourNoTarget).toBeGreaterThan(0.8);
    expect(fourNoUnits.length / fourNoTarget).toBeLessThanOrEqual(1);
    expect(targets.reduce((sum, target) => sum + target.parkFloorSquareMeters, 0)).toBe(70e4);
    const rectified = fourNoUnits.filter((unit) => unit.properties.rectifiedOn !== null).length / fourNoUnits.length;
    expect(rectified).toBeGreaterThanOrEqual(0.7);
    expect(rectified).toBeLessThanOrEqual(0.85);
    const areas = violations.map((violation) => violation.properties.areaSquareMeters);
    expect(areas.filter((area) => area >= 80 && area <= 600).length / areas.length).toBeGreaterThan(0.6);
    // The first test of the block generates the default county (memoised for the others).
  }, 30_000);

  test('at least 20 violations straddle a zone edge', () => {
    const { violations, zones } = county().records;
    const index = indexOf(violations);
    const straddling = zones.reduce((count, zone) => {
      // A single-ring polygon gives one line feature.
      const edge = polygonToLine(zone) as Feature<LineString>;
      const candidates = index.search(...boundingBox(zone.geometry));
      return count + candidates.filter((candidate) => booleanIntersects(edge, violations[candidate] as Feature<AreaGeometry>)).length;
    }, 0);
    expect(straddling).toBeGreaterThanOrEqual(20);
  });

  test('no two violations overlap', () => {
    expect(overlappingPairs(county().records.violations)).toEqual([]);
  }, 60_000);
});
