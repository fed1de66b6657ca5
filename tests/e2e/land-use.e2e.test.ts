/**
 * End-to-end tests of issue 5 in a real Chromium: a land-use plan by shares for a sample zone (the
 * parcels are stored with the contract attributes, hit their shares within 0.5 %, are drawn on the
 * map, summarised and checked; undo/redo), 小微园 allocation (a negative-list refusal with its
 * reason, then an allocation that changes the site and county figures), a reload that keeps all of
 * it, a 建 parcel drawn by hand on a 生态保护红线 (summary and checks follow the drawing, a vertex
 * drag, the delete and its undo), and a zone deleted with its plan (undo restores it; a zone whose
 * 小微园 has enterprises is refused). One browser profile: the tests run in order and build on each
 * other.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
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
  screenshotTestId,
  useE2eSession,
  waitForMapIdle,
  type BoundingBox,
} from './harness';
import { countDifferentPixels, decodePng } from './png';

const session = useE2eSession();
const SHARES = { 耕: 50, 建: 30, 绿: 20 } as const;
const context: { zoneId?: string; siteId?: string; allocatedBefore?: number; enterpriseName?: string; neededSquareMeters?: number } = {};

type AreaFeature = Feature<Polygon | MultiPolygon>;

beforeAll(() => {
  if (!existsSync(path.join(DIST_DIRECTORY, 'index.html'))) {
    throw new Error(`No build in ${DIST_DIRECTORY}: run \`npx vite build\` before the end-to-end tests.`);
  }
});

async function waitForSaved(page: Page): Promise<void> {
  await eventually(async () => expect(await page.getByTestId('save-status').getAttribute('data-state')).toBe('saved'));
}

async function setLayerVisible(page: Page, layer: string, visible: boolean): Promise<void> {
  const toggle = page.getByTestId(`layer-toggle-${layer}`);
  if ((await toggle.isChecked()) !== visible) await toggle.click();
  expect(await toggle.isChecked()).toBe(visible);
}

/** Opens the workspace with the big layers hidden through the UI (CPU rendering is slow). */
async function openWorkspace(page: Page): Promise<void> {
  await openApp(page, '/');
  await setLayerVisible(page, 'violations', false);
  await setLayerVisible(page, 'fourNoUnits', false);
}

/** Zooms to a feature, clicks a point inside it (outside `avoid`) and waits for the attribute panel. */
async function clickFeature(page: Page, feature: AreaFeature, avoid: readonly AreaFeature[] = []): Promise<void> {
  await fitMapTo(page, turf.bbox(feature) as BoundingBox, 200);
  let inside = turf.pointOnFeature(feature).geometry.coordinates as [number, number];
  if (avoid.some((other) => turf.booleanPointInPolygon(inside, other))) {
    const candidates = turf.pointGrid(turf.bbox(feature), 0.02, { units: 'kilometers', mask: feature as Feature<Polygon> }).features;
    const free = candidates.find((point) => !avoid.some((other) => turf.booleanPointInPolygon(point, other)));
    if (!free) throw new Error('no free point to click in the feature');
    inside = free.geometry.coordinates as [number, number];
  }
  const target = await pagePointOf(page, inside);
  expect(target.insideMap, `the click target is covered by ${target.topElement}`).toBe(true);
  await page.mouse.click(target.x, target.y);
  await page.getByTestId('feature-panel').waitFor({ state: 'visible' });
}

async function parcelsOf(page: Page, zoneId: string): Promise<AreaFeature[]> {
  return ((await exportGeoJSON(page, 'landUseParcels')).features as AreaFeature[]).filter((parcel) => parcel.properties?.['zoneId'] === zoneId);
}

describe('拆后土地利用 and 小微园 allocation on the planning map #/', () => {
  test('a plan by shares for a sample zone: parcels with the contract attributes within 0.5 %, on the map, summarised and checked', async () => {
    const { page } = session();
    await openWorkspace(page);
    const zones = (await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[];
    const planned = new Set((await exportGeoJSON(page, 'landUseParcels')).features.map((parcel) => parcel.properties?.['zoneId']));
    expect(planned.size, 'the sample brings land-use plans').toBeGreaterThanOrEqual(3);
    const sites = (await exportGeoJSON(page, 'parkSites')).features as AreaFeature[];
    const zone = zones.find((candidate) => !planned.has(candidate.id) && !sites.some((site) => site.properties?.['zoneId'] === candidate.id));
    if (!zone) throw new Error('no sample zone without a plan and a park site');
    context.zoneId = String(zone.id);

    await clickFeature(page, zone);
    await page.getByTestId('land-use-section').waitFor({ state: 'visible' });
    expect(await page.getByTestId('land-use-summary').getAttribute('data-parcel-count')).toBe('0');
    await page.getByTestId('land-use-source').selectOption('zone');
    await page.getByTestId('land-use-share-farmland').fill(String(SHARES['耕']));
    await page.getByTestId('land-use-share-construction').fill(String(SHARES['建']));
    await page.getByTestId('land-use-share-green').fill(String(SHARES['绿']));
    await page.getByTestId('land-use-construction-code').selectOption('0701');
    const countyFarmlandBefore = Number(await page.getByTestId('land-use-rollup').getAttribute('data-county-farmland'));
    const mapBefore = decodePng(await screenshotTestId(page, 'map-container'));
    await page.getByTestId('land-use-generate').click();
    await eventually(async () => expect(await page.getByTestId('land-use-summary').getAttribute('data-parcel-count')).toBe('3'));
    await waitForSaved(page);

    const parcels = await parcelsOf(page, context.zoneId);
    expect(parcels.map((parcel) => [parcel.properties?.['landUseClass'], parcel.properties?.['landUseCode']])).toEqual([['耕', '0101'], ['建', '0701'], ['绿', '1401']]);
    const zoneArea = ellipsoidalAreaSquareMeters(zone.geometry);
    for (const parcel of parcels) {
      const landUseClass = parcel.properties?.['landUseClass'] as keyof typeof SHARES;
      const target = (zoneArea * SHARES[landUseClass]) / 100;
      const stored = Number(parcel.properties?.['areaSquareMeters']);
      expect(Math.abs(stored - ellipsoidalAreaSquareMeters(parcel.geometry))).toBeLessThan(0.01);
      expect(Math.abs(stored - target) / target, `${landUseClass} share`).toBeLessThan(0.005);
    }

    const newFarmland = Number(parcels[0]?.properties?.['areaSquareMeters']);
    expect(Number(await page.getByTestId('land-use-rollup').getAttribute('data-county-farmland'))).toBeCloseTo(countyFarmlandBefore + newFarmland, 3);
    const summaryRows = await page.getByTestId('land-use-summary').locator('tr[data-class]').evaluateAll((rows) =>
      rows.map((row) => [row.getAttribute('data-class'), Number(row.getAttribute('data-share') ?? 'NaN')]),
    );
    expect(summaryRows.slice(0, 3).map(([landUseClass, share]) => [landUseClass, Math.round(Number(share) * 100)])).toEqual([['耕', 50], ['建', 30], ['绿', 20]]);
    const checks = await page.getByTestId('land-use-checks').locator('li').evaluateAll((items) =>
      Object.fromEntries(items.map((item) => [item.getAttribute('data-check-id'), item.getAttribute('data-status')])),
    );
    expect(checks).toMatchObject({ inside: 'passed', overlaps: 'passed', gaps: 'passed' });
    // The sample has a 规划控制线 layer, so the control-line check runs.
    expect(checks['redLines']).not.toBe('skipped');

    await waitForMapIdle(page);
    const mapAfter = decodePng(await screenshotTestId(page, 'map-container'));
    expect(countDifferentPixels(mapBefore, mapAfter), 'the parcels are drawn').toBeGreaterThan(2000);
    expect(await page.getByTestId('layer-legend-landUseParcels').innerText()).toContain('0701');
  });

  test('undo removes the plan and redo brings it back, one stored change each', async () => {
    const { page } = session();
    const zoneId = context.zoneId as string;
    await page.getByTestId('undo').click();
    await eventually(async () => expect(await parcelsOf(page, zoneId)).toHaveLength(0));
    await page.getByTestId('redo').click();
    await eventually(async () => expect(await parcelsOf(page, zoneId)).toHaveLength(3));
    await waitForSaved(page);
  });

  test('a park site refuses a negative-list enterprise with the reason, then allocates one and the totals change', async () => {
    const { page } = session();
    const sites = (await exportGeoJSON(page, 'parkSites')).features as AreaFeature[];
    const site = sites.reduce((best, candidate) => {
      const free = (feature: AreaFeature) => Number(feature.properties?.['capacitySquareMeters']) - Number(feature.properties?.['allocatedSquareMeters']);
      return free(candidate) > free(best) ? candidate : best;
    });
    context.siteId = String(site.id);
    await clickFeature(page, site);
    await page.getByTestId('park-site-section').waitFor({ state: 'visible' });
    const figures = page.getByTestId('park-site-figures');
    const allocatedBefore = Number(await figures.getAttribute('data-allocated'));
    context.allocatedBefore = allocatedBefore;
    const countyBefore = Number(await page.getByTestId('park-county-figures').getAttribute('data-allocated'));
    const waitingBefore = Number(await page.getByTestId('park-county-figures').getAttribute('data-waiting'));

    const options = await page.getByTestId('park-allocate-enterprise').locator('option').evaluateAll((items) =>
      items.map((item) => ({ value: (item as HTMLOptionElement).value, text: item.textContent ?? '' })),
    );
    const banned = options.find((option) => /电镀|印染/.test(option.text));
    if (!banned) throw new Error('the sample has no waiting negative-list enterprise');
    await page.getByTestId('park-allocate-enterprise').selectOption(banned.value);
    await page.getByTestId('park-allocate-apply').click();
    await eventually(async () => expect(await page.getByTestId('park-allocate-refusal').innerText()).toContain('负面清单'));
    expect(Number(await figures.getAttribute('data-allocated'))).toBe(allocatedBefore);

    const free = Number(await figures.getAttribute('data-free'));
    const fitting = options.find((option) => {
      if (/电镀|印染/.test(option.text)) return false;
      const needed = Number((option.text.split('｜')[2] ?? '').replace(/[^\d]/g, ''));
      return needed > 0 && needed <= free;
    });
    if (!fitting) throw new Error('no waiting enterprise fits the site');
    const needed = Number((fitting.text.split('｜')[2] ?? '').replace(/[^\d]/g, ''));
    context.neededSquareMeters = needed;
    context.enterpriseName = fitting.text.split('｜')[0];
    await page.getByTestId('park-allocate-enterprise').selectOption(fitting.value);
    await page.getByTestId('park-allocate-apply').click();
    await eventually(async () => expect(Number(await figures.getAttribute('data-allocated'))).toBe(allocatedBefore + needed));
    await waitForSaved(page);
    expect(await page.getByTestId('park-allocate-refusal').count()).toBe(0);
    expect(Number(await page.getByTestId('park-county-figures').getAttribute('data-allocated'))).toBe(countyBefore + needed);
    expect(Number(await page.getByTestId('park-county-figures').getAttribute('data-waiting'))).toBe(waitingBefore - 1);
    expect(await page.getByTestId('park-site-enterprises').innerText()).toContain(context.enterpriseName ?? '');
    const stored = ((await exportGeoJSON(page, 'parkSites')).features as AreaFeature[]).find((feature) => feature.id === site.id);
    expect(Number(stored?.properties?.['allocatedSquareMeters'])).toBe(allocatedBefore + needed);
  });

  test('a reload keeps the plan and the allocation', async () => {
    const { page } = session();
    await openWorkspace(page);
    const zoneId = context.zoneId as string;
    expect(await parcelsOf(page, zoneId)).toHaveLength(3);
    const zone = ((await exportGeoJSON(page, 'zones')).features as AreaFeature[]).find((feature) => feature.id === zoneId) as AreaFeature;
    await clickFeature(page, zone);
    await eventually(async () => expect(await page.getByTestId('land-use-summary').getAttribute('data-parcel-count')).toBe('3'));
    const site = ((await exportGeoJSON(page, 'parkSites')).features as AreaFeature[]).find((feature) => feature.id === context.siteId) as AreaFeature;
    expect(Number(site.properties?.['allocatedSquareMeters'])).toBe((context.allocatedBefore ?? 0) + (context.neededSquareMeters ?? 0));
    await clickFeature(page, site);
    expect(Number(await page.getByTestId('park-site-figures').getAttribute('data-allocated'))).toBe((context.allocatedBefore ?? 0) + (context.neededSquareMeters ?? 0));
    expect(await page.getByTestId('park-site-enterprises').innerText()).toContain(context.enterpriseName ?? '');
  });

  test('a 建 parcel drawn by hand on a 生态保护红线: the summary and checks follow the drawing, a vertex drag, the delete and its undo', async () => {
    const { page } = session();
    const redLine = ((await exportGeoJSON(page, 'redLines')).features as AreaFeature[]).find((line) => line.properties?.['lineType'] === '生态保护红线');
    if (!redLine) throw new Error('the sample has no 生态保护红线');
    const zones = (await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[];
    const zone = zones.find((candidate) => turf.booleanIntersects(candidate, redLine));
    if (!zone) throw new Error('no sample zone crosses the 生态保护红线');
    const onLine = turf.intersect(turf.featureCollection([zone as AreaFeature, redLine]));
    if (!onLine) throw new Error('the zone and the red line do not overlap');
    // A square (4 vertices) well inside the part of the zone on the red line.
    const centre = turf.pointOnFeature(onLine);
    const square = [40, 25, 15, 8]
      .map((radius) => turf.circle(centre, radius, { steps: 4, units: 'meters' }))
      .find((candidate) => turf.booleanWithin(candidate, onLine));
    if (!square) throw new Error('no room for a square on the red line');
    const sites = (await exportGeoJSON(page, 'parkSites')).features as AreaFeature[];
    await clickFeature(page, zone, sites);
    await page.getByTestId('land-use-section').waitFor({ state: 'visible' });

    const summaryArea = async (landUseClass: string) => Number(await page.getByTestId('land-use-summary').locator(`tr[data-class="${landUseClass}"]`).getAttribute('data-area'));
    const check = (id: string) => page.getByTestId('land-use-checks').locator(`li[data-check-id="${id}"]`);
    const redLineArea = async () => ((await check('redLines').count()) === 0 ? 0 : Number(await check('redLines').getAttribute('data-area')));
    const parcelsBefore = await parcelsOf(page, String(zone.id));
    const constructionBefore = await summaryArea('建');
    const redLineBefore = await redLineArea();

    await fitMapTo(page, turf.bbox(square) as BoundingBox, 220);
    await parkMouse(page);
    const snapToggle = page.getByTestId('snap-toggle');
    if ((await snapToggle.getAttribute('aria-pressed')) === 'true') await snapToggle.click();
    await page.getByTestId('land-use-draw-code').selectOption('1001');
    await page.getByTestId('land-use-draw-parcel').click();
    expect(await page.getByTestId('land-use-draw-parcel').getAttribute('aria-pressed')).toBe('true');
    const corners = (square.geometry.coordinates[0] ?? []).slice(0, -1) as [number, number][];
    const clicked: Position[] = [];
    for (const corner of corners) {
      const target = await pagePointOf(page, corner);
      expect(target.insideMap, `a corner is covered by ${target.topElement}`).toBe(true);
      clicked.push(await lngLatAt(page, target.x, target.y));
      await page.mouse.click(target.x, target.y);
      await page.waitForTimeout(150);
    }
    await page.keyboard.press('Enter');

    const drawn = await eventually(async () => {
      const added = (await parcelsOf(page, String(zone.id))).filter((parcel) => !parcelsBefore.some((before) => before.id === parcel.id));
      expect(added).toHaveLength(1);
      return added[0] as AreaFeature;
    });
    await waitForSaved(page);
    expect(drawn.properties).toMatchObject({ zoneId: zone.id, landUseClass: '建', landUseCode: '1001' });
    const drawnArea = Number(drawn.properties?.['areaSquareMeters']);
    const clickedArea = ellipsoidalAreaSquareMeters({ type: 'Polygon', coordinates: [[...clicked, clicked[0] as Position]] });
    expect(Math.abs(drawnArea - clickedArea) / clickedArea).toBeLessThan(0.001);
    // The summary adds the parcel; the control-line check fails by the parcel's area (it lies wholly on the line).
    await eventually(async () => expect(await summaryArea('建')).toBeCloseTo(constructionBefore + drawnArea, 3));
    expect(await check('redLines').getAttribute('data-status')).toBe('failed');
    expect(await check('redLines').innerText()).toContain('生态保护红线');
    expect(Math.abs((await redLineArea()) - redLineBefore - drawnArea) / drawnArea).toBeLessThan(0.01);
    const row = page.getByTestId('land-use-parcels').locator(`tr[data-parcel-id="${String(drawn.id)}"]`);

    // Drag a corner outwards: stored area, summary and check follow.
    await row.getByTestId('land-use-parcel-edit').click();
    await waitForMapIdle(page);
    const corner = ((drawn.geometry as Polygon).coordinates[0] ?? [])[0] as [number, number];
    const from = await pagePointOf(page, corner);
    const middle = await pagePointOf(page, turf.centroid(drawn).geometry.coordinates as [number, number]);
    const length = Math.hypot(from.x - middle.x, from.y - middle.y);
    const to = { x: from.x + ((from.x - middle.x) / length) * 30, y: from.y + ((from.y - middle.y) / length) * 30 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 10; step++) await page.mouse.move(from.x + ((to.x - from.x) * step) / 10, from.y + ((to.y - from.y) * step) / 10);
    await page.mouse.up();
    const edited = await eventually(async () => {
      const parcel = (await parcelsOf(page, String(zone.id))).find((candidate) => candidate.id === drawn.id) as AreaFeature;
      expect(Number(parcel.properties?.['areaSquareMeters'])).toBeGreaterThan(drawnArea * 1.05);
      return parcel;
    });
    const editedArea = Number(edited.properties?.['areaSquareMeters']);
    expect(editedArea).toBeCloseTo(ellipsoidalAreaSquareMeters(edited.geometry), 3);
    await eventually(async () => expect(await summaryArea('建')).toBeCloseTo(constructionBefore + editedArea, 3));
    await page.keyboard.press('Escape');

    // Delete it: everything back to before; undo brings the edited parcel back.
    await row.getByTestId('land-use-parcel-delete').click();
    await eventually(async () => expect(await parcelsOf(page, String(zone.id))).toHaveLength(parcelsBefore.length));
    await eventually(async () => expect(await summaryArea('建')).toBeCloseTo(constructionBefore, 3));
    expect(await redLineArea()).toBeCloseTo(redLineBefore, 1);
    await page.getByTestId('undo').click();
    await eventually(async () => {
      const restored = (await parcelsOf(page, String(zone.id))).find((candidate) => candidate.id === drawn.id);
      expect(restored?.geometry).toEqual(edited.geometry);
    });
    await waitForSaved(page);
  });

  test('deleting a zone deletes its plan in the same step and undo restores both; a zone whose 小微园 has enterprises is refused', async () => {
    const { page } = session();
    await parkMouse(page);
    const zones = (await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[];
    const parcels = (await exportGeoJSON(page, 'landUseParcels')).features as AreaFeature[];
    const sites = (await exportGeoJSON(page, 'parkSites')).features as AreaFeature[];
    const planned = zones.find((zone) => parcels.some((parcel) => parcel.properties?.['zoneId'] === zone.id) && !sites.some((site) => site.properties?.['zoneId'] === zone.id));
    if (!planned) throw new Error('no planned sample zone without a park site');
    const plan = parcels.filter((parcel) => parcel.properties?.['zoneId'] === planned.id);
    const countsBefore = await counts(page);

    await clickFeature(page, planned, sites);
    await page.getByTestId('zone-delete').click();
    await eventually(async () => expect((await exportGeoJSON(page, 'zones')).features.some((zone) => zone.id === planned.id)).toBe(false));
    await waitForSaved(page);
    expect(await parcelsOf(page, String(planned.id))).toEqual([]);
    expect((await counts(page))['landUseParcels']).toBe((countsBefore['landUseParcels'] ?? 0) - plan.length);

    await page.getByTestId('undo').click();
    await eventually(async () => expect((await exportGeoJSON(page, 'zones')).features.some((zone) => zone.id === planned.id)).toBe(true));
    await waitForSaved(page);
    const restored = await parcelsOf(page, String(planned.id));
    expect(restored.map((parcel) => [parcel.id, parcel.geometry]).sort()).toEqual(plan.map((parcel) => [parcel.id, parcel.geometry]).sort());

    const occupied = sites.find((site) => Number(site.properties?.['allocatedSquareMeters']) > 0);
    const occupiedZone = zones.find((zone) => zone.id === occupied?.properties?.['zoneId']);
    if (!occupied || !occupiedZone) throw new Error('no sample park site with enterprises');
    await clickFeature(page, occupiedZone, sites);
    await page.getByTestId('zone-delete').click();
    await eventually(async () => expect(await page.getByTestId('drawing-refusal').innerText()).toContain(`小微园「${String(occupied.properties?.['name'])}」已有`));
    expect((await exportGeoJSON(page, 'zones')).features.some((zone) => zone.id === occupiedZone.id)).toBe(true);
    expect(await page.getByTestId('feature-panel').isVisible()).toBe(true);
  });
});

