import type { Feature } from 'geojson';
import { COORDINATE_SYSTEM } from '@deck.gl/core';
import { describe, expect, test, vi } from 'vitest';
import {
  binaryLayerBuild,
  binaryLayerBuilds,
  binaryLayersSettled,
  CHUNK_FEATURES,
  gateChunkHandOvers,
  layerBuildOf,
  onBinaryLayersBuilt,
  SLICED_BUILD_THRESHOLD,
  type BinaryLayerStyle,
} from './binary-layers';
import { binaryLayerDrawnAt, createBinaryLayers, pickedLayerId, pickedRecordId } from './binary-deck-layers';
import type { Rgba } from './palette';

const RED: Rgba = [255, 0, 0, 255];
const GREEN: Rgba = [0, 255, 0, 255];
const STYLE: BinaryLayerStyle = {
  geometry: 'polygons',
  fill: (feature) => (feature.properties?.['done'] ? GREEN : RED),
  line: [0, 0, 0, 255],
  lineWidthPixels: 1,
};

function squares(count: number): Feature[] {
  return Array.from({ length: count }, (_, index) => {
    const x = 120 + (index % 300) * 0.001;
    const y = 27 + Math.floor(index / 300) * 0.001;
    return {
      type: 'Feature',
      id: `v${index}`,
      geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 0.0005, y], [x + 0.0005, y + 0.0005], [x, y + 0.0005], [x, y]]] },
      properties: { done: false },
    };
  });
}

/** The fill colour of every vertex of feature `index` in a build (5 vertices per square). */
const colorsOf = (build: ReturnType<typeof binaryLayerBuild>, index: number) =>
  Array.from(build?.fillColors?.subarray(4 * 5 * index, 4 * 5 * (index + 1)) ?? []);

describe('binary layer builds', () => {
  test('an attribute edit repaints the record’s own vertices and keeps the geometry buffers', () => {
    const records = squares(10);
    const first = binaryLayerBuild('test-edit', records, STYLE);
    const positions = first?.polygons?.positions;
    expect(colorsOf(first, 3)).toEqual([...RED, ...RED, ...RED, ...RED, ...RED]);
    const edited = records.map((record, index) => (index === 3 ? { ...record, properties: { done: true } } : record));
    const second = binaryLayerBuild('test-edit', edited, STYLE);
    expect(second).toBe(first);
    expect(second?.polygons?.positions).toBe(positions);
    expect(second?.colorVersion).toBe(1);
    expect(colorsOf(second, 3)).toEqual([...GREEN, ...GREEN, ...GREEN, ...GREEN, ...GREEN]);
    expect(colorsOf(second, 2)).toEqual([...RED, ...RED, ...RED, ...RED, ...RED]);
    // The deck data names the record of every feature index (picking).
    expect(second?.fillData.ids[3]).toBe('v3');
  });

  test('an added record rebuilds the geometry', () => {
    const records = squares(4);
    const first = binaryLayerBuild('test-add', records, STYLE);
    const second = binaryLayerBuild('test-add', [...records, ...squares(5).slice(4)], STYLE);
    expect(second).not.toBe(first);
    expect(second?.ids).toEqual(['v0', 'v1', 'v2', 'v3', 'v4']);
  });

  test('a big layer is built in the background and announced when ready', async () => {
    const records = squares(SLICED_BUILD_THRESHOLD + 1);
    let announced = 0;
    const stop = onBinaryLayersBuilt(() => announced++);
    expect(binaryLayerBuild('test-big', records, STYLE)).toBeNull();
    await binaryLayersSettled();
    stop();
    expect(announced).toBe(1);
    const build = binaryLayerBuild('test-big', records, STYLE);
    expect(build?.records).toBe(records);
    expect(build?.polygons?.featureCount).toBe(records.length);
  });
});

describe('near-view layers of a dense layer', () => {
  const DENSE: BinaryLayerStyle = { ...STYLE, nearViewFromZoom: 14 };
  const props = (view?: { zoom: number; bounds: readonly [number, number, number, number] }) =>
    ({ id: 'test-dense', style: DENSE, visible: true, opacity: 1, common: {}, ...(view ? { view } : {}) });

  test('zoomed in, only the features near the view are drawn and picked, by their own record ids; zoomed out, the whole layer', () => {
    const records = squares(600);
    const build = binaryLayerBuild('test-dense', records, DENSE);
    // Squares 0.0005° wide every 0.001° from (120, 27), 300 per row: this box meets v10–v12 of the first row only.
    const bounds = [120.0101, 27.0001, 120.0121, 27.0004] as const;
    const inside = records.filter((record) => {
      const ring = (record.geometry as { coordinates: number[][][] }).coordinates[0]!;
      const [west, south, east, north] = [ring[0]![0]!, ring[0]![1]!, ring[1]![0]!, ring[2]![1]!];
      return west <= bounds[2] && east >= bounds[0] && south <= bounds[3] && north >= bounds[1];
    }).map((record) => record.id);
    expect(inside.length).toBeGreaterThan(0);

    const zoomedIn = createBinaryLayers(props({ zoom: 15, bounds }), build);
    expect(zoomedIn.map((layer) => layer.id)).toEqual(['test-dense', 'test-dense-near', 'test-dense-outline']);
    // The whole fill (drawn zoomed out only) has 32-bit offsets from an origin; the near view its 64-bit positions.
    expect(zoomedIn[0]!.props.coordinateSystem).toBe(COORDINATE_SYSTEM.LNGLAT_OFFSETS);
    expect(zoomedIn[0]!.props.coordinateOrigin).toEqual([...(build!.fillData.origin ?? []), 0]);
    expect(zoomedIn[1]!.props.coordinateSystem).not.toBe(COORDINATE_SYSTEM.LNGLAT_OFFSETS);
    expect(zoomedIn[2]!.props.coordinateSystem).not.toBe(COORDINATE_SYSTEM.LNGLAT_OFFSETS);
    const near = zoomedIn[1]!;
    expect((near.props.data as { ids: string[] }).ids).toEqual(inside);
    expect(pickedLayerId(near)).toBe('test-dense');
    expect(pickedRecordId(near, 0)).toBe(inside[0]);
    expect(binaryLayerDrawnAt('test-dense', 15)).toBe(false);
    expect(binaryLayerDrawnAt('test-dense-near', 15)).toBe(true);
    expect(binaryLayerDrawnAt('test-dense-outline', 15)).toBe(true);
    // Zooming out before the map settles: the whole layer again, not the near-view ones.
    expect(binaryLayerDrawnAt('test-dense', 12)).toBe(true);
    expect(binaryLayerDrawnAt('test-dense-near', 12)).toBe(false);

    const settledOut = createBinaryLayers(props({ zoom: 12, bounds }), build);
    expect(settledOut.map((layer) => layer.id)).toEqual(['test-dense']);
    // Zooming in before the map settles: the whole layer stays drawn until near-view layers exist.
    expect(binaryLayerDrawnAt('test-dense', 15)).toBe(true);
  });
});

describe('a layer of several chunks', () => {
  const DENSE: BinaryLayerStyle = { ...STYLE, nearViewFromZoom: 14 };
  const props = { id: 'test-chunks', style: DENSE, visible: true, opacity: 1, common: {} };

  test('is drawn as one deck layer per chunk, each picking its own records; chunks are handed over one at a time', async () => {
    const records = squares(2 * CHUNK_FEATURES + 100);
    const seen: number[][] = [];
    const stop = onBinaryLayersBuilt(() => seen.push(binaryLayerBuilds('test-chunks', records, DENSE).map((build) => build.ids.length)));
    expect(binaryLayerBuilds('test-chunks', records, DENSE)).toEqual([]);
    await binaryLayersSettled();
    stop();
    // Per announcement (one per frame) at most one chunk gets its records and at most one new chunk
    // appears, empty (deck sets its layer up a frame before the upload); never records at once.
    const full = [CHUNK_FEATURES, CHUNK_FEATURES, 100];
    let before: number[] = [];
    for (const after of seen) {
      const filled = after.filter((count, chunk) => count > 0 && before[chunk] === 0).length;
      const appeared = after.slice(before.length);
      expect(filled).toBeLessThanOrEqual(1);
      expect(appeared.length).toBeLessThanOrEqual(1);
      expect(appeared.every((count) => count === 0)).toBe(true);
      before = after;
    }
    expect(seen.at(-1)).toEqual(full);
    const builds = binaryLayerBuilds('test-chunks', records, DENSE);
    expect(builds.map((build) => build.ids.length)).toEqual([CHUNK_FEATURES, CHUNK_FEATURES, 100]);
    const layers = createBinaryLayers(props, builds);
    expect(layers.map((layer) => layer.id)).toEqual(['test-chunks', 'test-chunks~1', 'test-chunks~2']);
    const last = layers[2]!;
    expect(pickedLayerId(last)).toBe('test-chunks');
    expect(pickedRecordId(last, 5)).toBe(records[2 * CHUNK_FEATURES + 5]!.id);
    expect(binaryLayerDrawnAt('test-chunks~2', 12)).toBe(true);
    expect(binaryLayerDrawnAt('test-chunks~2-outline', 12)).toBe(false);
  });

  test('each hand-over waits for the gates of the maps drawing the layers, asked before the map hears of it', async () => {
    const records = squares(CHUNK_FEATURES + 50);
    let announcements = 0;
    const askedAfter: number[] = [];
    const releases: (() => void)[] = [];
    const stopListening = onBinaryLayersBuilt(() => (announcements += 1));
    const stopGating = gateChunkHandOvers(() => {
      askedAfter.push(announcements);
      return new Promise((resolve) => releases.push(resolve));
    });
    binaryLayerBuilds('test-gated', records, DENSE);
    await vi.waitFor(() => expect(releases).toHaveLength(1));
    const announced = announcements;
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The next hand-over waits for the gate.
    expect(releases).toHaveLength(1);
    expect(announcements).toBe(announced);
    let settled = false;
    void binaryLayersSettled().then(() => (settled = true));
    while (!settled) {
      releases.at(-1)?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    stopGating();
    stopListening();
    for (const release of releases) release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(askedAfter).toEqual(askedAfter.map((_, index) => index));
    expect(binaryLayerBuilds('test-gated', records, DENSE).map((build) => build.ids.length)).toEqual([CHUNK_FEATURES, 50]);
  });

  test('an edit repaints or rebuilds only the chunk it touches; appended records rebuild only the last chunk and add new ones', async () => {
    const records = squares(2 * CHUNK_FEATURES + 100);
    binaryLayerBuilds('test-chunk-edit', records, DENSE);
    await binaryLayersSettled();
    const before = binaryLayerBuilds('test-chunk-edit', records, DENSE);
    const editedIndex = CHUNK_FEATURES + 7;
    const edited = records.map((record, index) => (index === editedIndex ? { ...record, properties: { done: true } } : record));
    const after = binaryLayerBuilds('test-chunk-edit', edited, DENSE);
    expect(after).toEqual(before);
    expect(after.map((build) => build.colorVersion)).toEqual([0, 1, 0]);
    expect(colorsOf(after[1]!, 7)).toEqual([...GREEN, ...GREEN, ...GREEN, ...GREEN, ...GREEN]);

    const appended = [...edited, ...squares(2 * CHUNK_FEATURES + 200).slice(2 * CHUNK_FEATURES + 100)];
    expect(appended.length).toBe(2 * CHUNK_FEATURES + 200);
    // Until the last chunk is rebuilt, its previous build stays.
    expect(binaryLayerBuilds('test-chunk-edit', appended, DENSE)).toEqual(after);
    await binaryLayersSettled();
    const grown = binaryLayerBuilds('test-chunk-edit', appended, DENSE);
    expect(grown[0]).toBe(after[0]);
    expect(grown[1]).toBe(after[1]);
    expect(grown[2]).not.toBe(after[2]);
    expect(grown[2]!.ids).toEqual(appended.slice(2 * CHUNK_FEATURES).map((record) => record.id));

    // Back to one chunk: the other chunks' layers are gone.
    const shrunk = appended.slice(0, 10);
    expect(binaryLayerBuilds('test-chunk-edit', shrunk, DENSE).map((build) => build.ids.length)).toEqual([10]);
    expect(layerBuildOf('test-chunk-edit~1')).toBeUndefined();
    expect(layerBuildOf('test-chunk-edit~2')).toBeUndefined();
  });
});
