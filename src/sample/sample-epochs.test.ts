import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { FeatureCollection, LineString } from 'geojson';
import { describe, expect, test } from 'vitest';
import type { SampleCountyRecords } from './sample-county';
import { planSampleEpochs, plantedChangesCollection } from './sample-epochs';

const read = (path: string) => readFileSync(new URL(`../../data/${path}`, import.meta.url), 'utf8');

function planFromCommittedCounty() {
  const records = JSON.parse(read('sample-county.json')) as SampleCountyRecords;
  const baseMap = JSON.parse(read('base-map.json')) as { roads: FeatureCollection<LineString, { class: string }>; rivers: FeatureCollection<LineString, { widthMeters: number }> };
  return planSampleEpochs({ violations: records.violations, villageBlocks: records.villageBlocks, industrialBlocks: records.industrialBlocks, roads: baseMap.roads, rivers: baseMap.rivers });
}

describe('the committed sample epochs', () => {
  const scene = planFromCommittedCounty();

  test('data/epochs/ holds the epochs and planted changes planned from the committed county (npx tsx scripts/generate-sample-epochs.ts)', () => {
    const file = JSON.parse(read('epochs/sample-epochs.json')) as { epochs: unknown[] };
    expect(file.epochs).toEqual(scene.epochs);
    expect(read('epochs/planted-changes.geojson') === JSON.stringify(plantedChangesCollection(scene)), 'planted-changes.geojson is stale').toBe(true);
  });

  test('plants appearances and disappearances, large and small, with none near the 50 m² threshold', () => {
    const kinds = new Set(scene.planted.map((change) => change.properties.change));
    expect(kinds).toEqual(new Set(['新增', '消失']));
    const areas = scene.planted.map((change) => change.properties.areaSquareMeters);
    expect(areas.some((area) => area < 50)).toBe(true);
    expect(areas.filter((area) => area >= 50).length).toBeGreaterThanOrEqual(20);
    expect(areas.filter((area) => area > 40 && area < 60)).toEqual([]);
  });

  test('new buildings stand clear of every other building, and disappeared ones were demolished violations', () => {
    const appeared = scene.planted.filter((change) => change.properties.change === '新增');
    const standing = scene.buildings.filter((building) => building.present[0]);
    for (const change of appeared) {
      expect(change.properties.violationId).toBeNull();
      expect(standing.some((building) => turf.booleanIntersects(building.geometry, change))).toBe(false);
    }
    const disappeared = scene.planted.filter((change) => change.properties.change === '消失');
    for (const change of disappeared) {
      expect(scene.buildings.find((building) => building.id === change.properties.violationId)?.present).toEqual([true, false]);
    }
  });
});
