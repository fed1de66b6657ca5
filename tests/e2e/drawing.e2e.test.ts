/**
 * End-to-end tests of the zone tools (issue 3) in a real Chromium, driven with the mouse and the
 * keyboard like a planner: draw a zone on an empty spot east of the county, fill in its attributes,
 * drag a vertex, undo/redo, a refused self-intersecting drag, split, merge, delete, reload. The
 * stored records are read through the automation handle. One browser profile for the file: the
 * tests run in order and build on each other's results.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ellipsoidalAreaSquareMeters } from '../../src/geo/ellipsoidal-area';
import {
  counts,
  DIST_DIRECTORY,
  eventually,
  exportGeoJSON,
  fitMapTo,
  lngLatAt,
  openApp,
  pagePointOf,
  parkMouse,
  useE2eSession,
  waitForMapIdle,
  waitForReady,
  type BoundingBox,
} from './harness';

const session = useE2eSession();

const ZONE_NAME = '测试绘制区块';
/** Clicked vertices as fractions of the map container (clear of the toolbar in the top-left corner). */
const CLICKS: readonly [number, number][] = [
  [0.35, 0.35],
  [0.7, 0.3],
  [0.75, 0.7],
  [0.4, 0.75],
];

/** Shared between the ordered tests of this file. */
const context: { spot?: BoundingBox; zoneId?: string; drawnGeometry?: Polygon; editedGeometry?: Polygon; sampleZoneCount?: number } = {};

beforeAll(() => {
  if (!existsSync(path.join(DIST_DIRECTORY, 'index.html'))) {
    throw new Error(`No build in ${DIST_DIRECTORY}: run \`npx vite build\` before the end-to-end tests.`);
  }
});

async function storedZone(page: Page, id: string): Promise<Feature<Polygon> | undefined> {
  const zones = (await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[];
  return zones.find((zone) => zone.id === id);
}

async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('map-container').boundingBox();
  if (box === null) throw new Error('map-container has no box');
  return box;
}

/** A page point at fractions of the map container, checked to be the map canvas (nothing over it). */
async function mapPoint(page: Page, fractionX: number, fractionY: number): Promise<{ x: number; y: number }> {
  const box = await mapBox(page);
  const x = box.x + box.width * fractionX;
  const y = box.y + box.height * fractionY;
  const lngLat = await lngLatAt(page, x, y);
  const target = await pagePointOf(page, lngLat);
  expect(target.topElement, `the map point (${fractionX}, ${fractionY}) is covered`).toBe('canvas.maplibregl-canvas');
  return { x, y };
}

/** Drags with the mouse in small steps (terra-draw reads every pointer move). */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  const steps = 12;
  for (let step = 1; step <= steps; step++) {
    await page.mouse.move(from.x + ((to.x - from.x) * step) / steps, from.y + ((to.y - from.y) * step) / steps);
  }
  await page.mouse.move(to.x, to.y);
  await page.mouse.up();
}

/** With ONEMAP_SHOTS=<directory>, saves a screenshot of the page there (for looking at the tools). */
async function shot(page: Page, name: string): Promise<void> {
  const directory = process.env['ONEMAP_SHOTS'];
  if (directory) await page.screenshot({ path: path.join(directory, `${name}.png`) });
}

async function waitForSaved(page: Page): Promise<void> {
  await eventually(async () => expect(await page.getByTestId('save-status').getAttribute('data-state')).toBe('saved'));
}

function outerRing(polygon: Polygon): Position[] {
  return polygon.coordinates[0] ?? [];
}

function sameGeometry(a: Polygon | undefined, b: Polygon | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

describe('zone tools on the planning map #/', () => {
  test('draws a zone with mouse clicks; its stored area is the ellipsoidal area of the clicked positions (0.1 %)', async () => {
    const { page } = session();
    await openApp(page, '/');
    context.sampleZoneCount = (await counts(page))['zones'] ?? 0;
    // Software WebGL draws every violation in every frame, and each pointer move while drawing is a
    // frame: hiding the two big point/polygon layers keeps the scene small.
    for (const layer of ['violations', 'fourNoUnits']) {
      const toggle = page.getByTestId(`layer-toggle-${layer}`);
      if (await toggle.isChecked()) await toggle.click();
    }
    const townships = (await exportGeoJSON(page, 'townships')).features;
    const [, south, east, north] = turf.bbox({ type: 'FeatureCollection', features: townships });
    const middle = (south + north) / 2;
    // An empty spot just east of the county: nothing to snap to, a small scene to render.
    context.spot = [east + 0.02, middle, east + 0.024, middle + 0.003];
    await fitMapTo(page, context.spot, 40);
    await parkMouse(page);

    const snapToggle = page.getByTestId('snap-toggle');
    if ((await snapToggle.getAttribute('aria-pressed')) === 'true') await snapToggle.click();
    expect(await snapToggle.getAttribute('aria-pressed')).toBe('false');

    await page.getByTestId('draw-zone').click();
    expect(await page.getByTestId('draw-zone').getAttribute('aria-pressed')).toBe('true');
    const clicked: Position[] = [];
    for (const [fractionX, fractionY] of CLICKS) {
      const point = await mapPoint(page, fractionX, fractionY);
      clicked.push(await lngLatAt(page, point.x, point.y));
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(150);
    }
    await eventually(async () => expect(await page.getByTestId('drawing-measure-area').innerText()).toMatch(/面积 [\d,]+ m²（[\d.,]+ 亩）/));
    expect(await page.getByTestId('drawing-measure-perimeter').innerText()).toMatch(/周长 [\d,.]+ m/);
    await shot(page, 'drawing-1-polygon');
    await page.keyboard.press('Enter');

    await page.getByTestId('zone-form').waitFor({ state: 'visible' });
    await page.getByTestId('zone-form-name').fill(ZONE_NAME);
    await page.getByTestId('zone-form-type').selectOption('工业区块整治');
    const township = page.getByTestId('zone-form-township');
    if ((await township.inputValue()) === '') await township.selectOption({ index: 1 });
    await page.getByTestId('zone-form-unit').fill('测试镇拆整办');
    await page.getByTestId('zone-form-start').fill('2026-03-01');
    await page.getByTestId('zone-form-finish').fill('2026-12-31');
    await page.getByTestId('zone-form-target').fill('5000');
    await shot(page, 'drawing-2-form');
    await page.getByTestId('zone-form-save').click();
    await waitForSaved(page);

    const zones = (await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[];
    expect(zones).toHaveLength((context.sampleZoneCount ?? 0) + 1);
    const zone = zones.find((feature) => feature.properties?.['name'] === ZONE_NAME);
    if (!zone) throw new Error('the drawn zone was not stored');
    expect(zone.properties).toMatchObject({ zoneType: '工业区块整治', responsibleUnit: '测试镇拆整办', plannedStart: '2026-03-01', plannedFinish: '2026-12-31', targetDemolitionSquareMeters: 5000 });
    context.zoneId = String(zone.id);
    context.drawnGeometry = zone.geometry;

    const ring = outerRing(zone.geometry);
    expect(ring).toHaveLength(CLICKS.length + 1);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const position of ring) for (const value of position) expect(Math.round(value * 1e7) / 1e7).toBe(value);
    expect(turf.booleanClockwise(ring)).toBe(false);
    const expected = ellipsoidalAreaSquareMeters({ type: 'Polygon', coordinates: [[...clicked, clicked[0] as Position]] });
    const stored = ellipsoidalAreaSquareMeters(zone.geometry);
    console.info(`drawn zone: stored ${stored.toFixed(2)} m², clicked ${expected.toFixed(2)} m²`);
    expect(Math.abs(stored - expected) / expected).toBeLessThan(0.001);

    // The new zone is selected: its panel shows the statistics.
    await page.getByTestId('zone-details').waitFor({ state: 'visible' });
    expect(await page.getByTestId('zone-perimeter').innerText()).toMatch(/周长 [\d,.]+ m/);
    expect(await page.getByTestId('zone-coverage-violations-wholly').innerText()).toContain('全部覆盖 0 个');
    await shot(page, 'drawing-3-created');
  });

  test('dragging a vertex changes the stored geometry; undo and redo follow in storage', async () => {
    const { page } = session();
    const zoneId = context.zoneId as string;
    await page.getByTestId('zone-edit-geometry').click();
    expect(await page.getByTestId('zone-edit-geometry').getAttribute('aria-pressed')).toBe('true');
    await waitForMapIdle(page);

    const vertex = outerRing(context.drawnGeometry as Polygon)[2] as [number, number];
    const from = await pagePointOf(page, vertex);
    expect(from.insideMap).toBe(true);
    const to = { x: from.x + 40, y: from.y + 30 };
    const target = await lngLatAt(page, to.x, to.y);
    await drag(page, from, to);

    const edited = await eventually(async () => {
      const zone = await storedZone(page, zoneId);
      expect(sameGeometry(zone?.geometry, context.drawnGeometry)).toBe(false);
      return zone?.geometry as Polygon;
    });
    const moved = outerRing(edited).find((position) => Math.abs((position[0] as number) - target[0]) < 2e-6 && Math.abs((position[1] as number) - target[1]) < 2e-6);
    expect(moved, `a vertex near ${target.join(', ')} in ${JSON.stringify(outerRing(edited))}`).toBeDefined();
    expect(outerRing(edited).some((position) => position[0] === vertex[0] && position[1] === vertex[1])).toBe(false);
    context.editedGeometry = edited;
    await waitForSaved(page);
    await shot(page, 'drawing-4-edited');

    await page.keyboard.press('Control+z');
    await eventually(async () => expect(sameGeometry((await storedZone(page, zoneId))?.geometry, context.drawnGeometry)).toBe(true));
    await page.keyboard.press('Control+y');
    await eventually(async () => expect(sameGeometry((await storedZone(page, zoneId))?.geometry, edited)).toBe(true));
    await page.getByTestId('undo').click();
    await eventually(async () => expect(sameGeometry((await storedZone(page, zoneId))?.geometry, context.drawnGeometry)).toBe(true));
    await page.keyboard.press('Control+Shift+Z');
    await eventually(async () => expect(sameGeometry((await storedZone(page, zoneId))?.geometry, edited)).toBe(true));
    await waitForSaved(page);
  });

  test('a click on an edge midpoint inserts a vertex, a right click removes one; each is undone', async () => {
    const { page } = session();
    const zoneId = context.zoneId as string;
    const edited = context.editedGeometry as Polygon;
    expect(await page.getByTestId('zone-edit-geometry').getAttribute('aria-pressed')).toBe('true');
    await waitForMapIdle(page);
    const ring = outerRing(edited);
    const midpoint = await pagePointOf(page, [((ring[0]?.[0] as number) + (ring[1]?.[0] as number)) / 2, ((ring[0]?.[1] as number) + (ring[1]?.[1] as number)) / 2]);
    await page.mouse.move(midpoint.x - 3, midpoint.y - 3);
    await page.mouse.click(midpoint.x, midpoint.y);
    await eventually(async () => expect(outerRing((await storedZone(page, zoneId))?.geometry as Polygon)).toHaveLength(ring.length + 1));
    await page.keyboard.press('Control+z');
    await eventually(async () => expect(sameGeometry((await storedZone(page, zoneId))?.geometry, edited)).toBe(true));
    await waitForMapIdle(page);
    const corner = await pagePointOf(page, ring[1] as [number, number]);
    await page.mouse.move(corner.x - 3, corner.y - 3);
    await page.mouse.click(corner.x, corner.y, { button: 'right' });
    await eventually(async () => expect(outerRing((await storedZone(page, zoneId))?.geometry as Polygon)).toHaveLength(ring.length - 1));
    await page.keyboard.press('Control+z');
    await eventually(async () => expect(sameGeometry((await storedZone(page, zoneId))?.geometry, edited)).toBe(true));
    await waitForSaved(page);
  });

  test('a vertex dragged across the opposite edge is refused with the reason at the spot; storage is unchanged', async () => {
    const { page } = session();
    const zoneId = context.zoneId as string;
    const before = (await storedZone(page, zoneId))?.geometry;
    await waitForMapIdle(page);
    const vertex = outerRing(before as Polygon)[0] as [number, number];
    const from = await pagePointOf(page, vertex);
    const across = await mapPoint(page, 0.92, 0.5);
    await drag(page, from, across);

    const message = page.getByTestId('edit-refusal');
    await message.waitFor({ state: 'visible' });
    expect(await message.innerText()).toContain('自相交');
    expect(await message.evaluate((element) => getComputedStyle(element).pointerEvents)).toBe('none');
    const box = await message.boundingBox();
    if (box === null) throw new Error('the refusal message has no box');
    const gap = Math.hypot(Math.max(box.x - across.x, 0, across.x - box.x - box.width), Math.max(box.y - across.y, 0, across.y - box.y - box.height));
    expect(gap, 'the message is shown next to where the vertex was dropped').toBeLessThan(40);
    expect(await page.getByTestId('drawing-refusal').innerText()).toContain('自相交');
    await shot(page, 'drawing-5-refused');
    await waitForMapIdle(page);
    await shot(page, 'drawing-5b-refused-idle');
    await page.waitForTimeout(500);
    expect(sameGeometry((await storedZone(page, zoneId))?.geometry, before)).toBe(true);

    await page.keyboard.press('Escape');
    await eventually(async () => expect(await page.getByTestId('zone-edit-geometry').getAttribute('aria-pressed')).toBe('false'));
    expect(sameGeometry((await storedZone(page, zoneId))?.geometry, before)).toBe(true);
  });

  test('a line across the zone splits it in two; a reload keeps both parts', async () => {
    const { page } = session();
    const zoneId = context.zoneId as string;
    const whole = (await storedZone(page, zoneId))?.geometry as Polygon;
    await fitMapTo(page, context.spot as BoundingBox, 40);
    await page.getByTestId('zone-split').click();
    for (const [fractionX, fractionY] of [[0.2, 0.52], [0.95, 0.52]] as const) {
      const point = await mapPoint(page, fractionX, fractionY);
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(150);
    }
    await page.keyboard.press('Enter');

    const parts = await eventually(async () => {
      const zones = ((await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[]).filter((zone) => String(zone.properties?.['name']).startsWith(ZONE_NAME));
      expect(zones).toHaveLength(2);
      return zones;
    });
    await waitForSaved(page);
    const total = parts.reduce((sum, part) => sum + ellipsoidalAreaSquareMeters(part.geometry), 0);
    // The cut points are rounded to 7 decimals (≈ 1 cm off the old edge), so the parts may differ from
    // the whole by ~ edge length × 1 cm: well under 0.01 %.
    expect(Math.abs(total - ellipsoidalAreaSquareMeters(whole)) / total).toBeLessThan(1e-4);
    expect(parts.map((part) => String(part.properties?.['name'])).sort()).toEqual([ZONE_NAME, `${ZONE_NAME}-2`]);
    await shot(page, 'drawing-6-split');

    await page.reload();
    await waitForReady(page);
    const reloaded = ((await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[]).filter((zone) => String(zone.properties?.['name']).startsWith(ZONE_NAME));
    expect(reloaded.map((zone) => JSON.stringify(zone.geometry)).sort()).toEqual(parts.map((zone) => JSON.stringify(zone.geometry)).sort());
  });

  test('Esc cancels a drawing; with snapping on a vertex lands exactly on a neighbour’s vertex and the overlap is shown', async () => {
    const { page } = session();
    const neighbour = ((await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[]).find((zone) => !String(zone.properties?.['name']).startsWith(ZONE_NAME));
    if (!neighbour) throw new Error('the sample has no zone');
    await fitMapTo(page, turf.bbox(neighbour) as BoundingBox, 150);
    await parkMouse(page);
    const snapToggle = page.getByTestId('snap-toggle');
    if ((await snapToggle.getAttribute('aria-pressed')) !== 'true') await snapToggle.click();
    expect(await snapToggle.getAttribute('aria-pressed')).toBe('true');

    const vertex = outerRing(neighbour.geometry)[0] as [number, number];
    const corner = await pagePointOf(page, vertex);
    const centre = await pagePointOf(page, turf.pointOnFeature(neighbour).geometry.coordinates as [number, number]);
    const away = { x: centre.x - (centre.y - corner.y) * 0.6, y: centre.y + (centre.x - corner.x) * 0.6 };

    await page.getByTestId('draw-zone').click();
    await page.mouse.click(centre.x, centre.y);
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await page.getByTestId('draw-zone').getAttribute('aria-pressed')).toBe('false'));
    expect(await page.getByTestId('zone-form').count()).toBe(0);

    const zoneCount = (await counts(page))['zones'] ?? 0;
    await page.getByTestId('draw-zone').click();
    for (const point of [{ x: corner.x + 4, y: corner.y + 3 }, centre, away]) {
      await page.mouse.move(point.x - 2, point.y - 2);
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(150);
    }
    await page.keyboard.press('Enter');
    await page.getByTestId('zone-form').waitFor({ state: 'visible' });
    await page.getByTestId('zone-form-name').fill('吸附测试区块');
    const township = page.getByTestId('zone-form-township');
    if ((await township.inputValue()) === '') await township.selectOption({ index: 1 });
    await page.getByTestId('zone-form-save').click();
    await eventually(async () => expect((await counts(page))['zones']).toBe(zoneCount + 1));
    await waitForSaved(page);
    const snapped = ((await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[]).find((zone) => zone.properties?.['name'] === '吸附测试区块');
    expect(outerRing(snapped?.geometry as Polygon).some((position) => position[0] === vertex[0] && position[1] === vertex[1]), 'the first click snapped onto the neighbour’s vertex').toBe(true);

    const warning = page.getByTestId('zone-overlap-warning');
    await warning.waitFor({ state: 'visible' });
    expect(await warning.innerText()).toContain(String(neighbour.properties?.['name']));
    await shot(page, 'drawing-7-snapped-overlap');
  });

  test('the two parts merge back into one zone; delete and undo', async () => {
    const { page } = session();
    const zoneId = context.zoneId as string;
    await fitMapTo(page, context.spot as BoundingBox, 40);
    const zones = ((await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[]).filter((zone) => String(zone.properties?.['name']).startsWith(ZONE_NAME));
    const first = zones.find((zone) => zone.id === zoneId) as Feature<Polygon>;
    const second = zones.find((zone) => zone.id !== zoneId) as Feature<Polygon>;
    const clickInside = async (zone: Feature<Polygon>) => {
      const point = await pagePointOf(page, turf.pointOnFeature(zone).geometry.coordinates as [number, number]);
      expect(point.insideMap).toBe(true);
      await page.mouse.click(point.x, point.y);
    };
    await clickInside(first);
    await eventually(async () => expect(await page.getByTestId('feature-panel').innerText()).toContain(ZONE_NAME));
    await page.getByTestId('zone-merge').click();
    await clickInside(second);
    const merged = await eventually(async () => {
      const remaining = ((await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[]).filter((zone) => String(zone.properties?.['name']).startsWith(ZONE_NAME));
      expect(remaining.map((zone) => zone.id)).toEqual([zoneId]);
      return remaining[0] as Feature<Polygon>;
    });
    const expected = ellipsoidalAreaSquareMeters(first.geometry) + ellipsoidalAreaSquareMeters(second.geometry);
    expect(Math.abs(ellipsoidalAreaSquareMeters(merged.geometry) - expected) / expected).toBeLessThan(1e-5);
    await waitForSaved(page);

    const zoneCount = (await counts(page))['zones'] ?? 0;
    await page.getByTestId('zone-delete').click();
    await eventually(async () => expect((await counts(page))['zones']).toBe(zoneCount - 1));
    await page.keyboard.press('Control+z');
    await eventually(async () => expect((await counts(page))['zones']).toBe(zoneCount));
    await waitForSaved(page);
  });
});
