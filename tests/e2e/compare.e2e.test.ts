/**
 * End-to-end tests of the imagery comparison (#/compare): the sample epochs load from the app into
 * IndexedDB, the swipe divider shows each epoch on its side, the two maps keep exactly the same
 * camera (also after a resize and in side-by-side mode), change detection finds a planted new
 * building, and verifying its patch to 违法 creates a violation that the ledger lists, also after a
 * reload. Staff add a PNG + world file (Gauss-Krüger) as an epoch and see it where proj4 puts it,
 * also after a reload; detection over an area drawn across the swipe divider finds only what is
 * inside, and a patch's evidence photo and 整改中 / 销号 steps carry through to its violation. A
 * planner draws a new zone across the swipe divider and saves it, and advances a violation picked on
 * the map.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { counts, eventually, exportGeoJSON, fitMapTo, lngLatAt, openApp, pagePointOf, parkMouse, useE2eSession, waitForMapIdle, waitForReady, type BoundingBox } from './harness';
import proj4 from 'proj4';
import { countDifferentPixels, decodePng, dominantColor } from './png';

const session = useE2eSession();

const FIXTURES = new URL('../fixtures/imagery/', import.meta.url);
/** CGCS2000 3-degree Gauss-Krüger, central meridian 120°E (EPSG:4549), as in tests/fixtures/imagery/README.md. */
const GK_4549 = '+proj=tmerc +lat_0=0 +lon_0=120 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const gaussKrugerToLonLat = (x: number, y: number) => proj4(GK_4549, '+proj=longlat +ellps=GRS80 +no_defs', [x, y]) as [number, number];

/** The most frequent colour of a 10×10 screenshot around a map position. */
async function colourAt(page: Page, position: [number, number]): Promise<[number, number, number, number]> {
  const point = await pagePointOf(page, position);
  return dominantColor(decodePng(await page.screenshot({ clip: { x: point.x - 5, y: point.y - 5, width: 10, height: 10 } })));
}

const fileURLToPathOf = (name: string) => fileURLToPath(new URL(name, FIXTURES));
const isCyan = ([red, green, blue]: number[]) => red! < 90 && green! > 170 && blue! > 170;
const isMagenta = ([red, green, blue]: number[]) => red! > 170 && green! < 90 && blue! > 170;

const planted = (JSON.parse(readFileSync(new URL('../../data/epochs/planted-changes.geojson', import.meta.url), 'utf8')) as FeatureCollection<Polygon>).features;
/** A new building (not in the earlier epoch, not in any record) of a good size to see and click. */
const newBuilding = planted
  .filter((change) => change.properties?.['change'] === '新增' && Number(change.properties?.['areaSquareMeters']) > 150)
  .sort((a, b) => Number(b.properties?.['areaSquareMeters']) - Number(a.properties?.['areaSquareMeters']))[0] as Feature<Polygon>;

/** A square of `metres` around the centre of a feature, as a bounding box. */
function boxAround(feature: Feature<Polygon>, metres: number): BoundingBox {
  const centre = turf.centroid(feature);
  return turf.bbox(turf.buffer(centre, metres / 1000, { units: 'kilometers' })!) as BoundingBox;
}

async function dragDividerTo(page: Page, x: number, y: number): Promise<void> {
  const divider = page.getByTestId('compare-divider');
  const box = (await divider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x, y, { steps: 6 });
  await page.mouse.up();
  await parkMouse(page);
}

async function cameras(page: Page): Promise<{ before: string; after: string; beforeBounds: string; afterBounds: string }> {
  const read = (testId: string, key: string) => page.getByTestId(testId).getAttribute(`data-${key}`);
  return {
    before: (await read('compare-map-before', 'camera'))!, after: (await read('compare-map-after', 'camera'))!,
    beforeBounds: (await read('compare-map-before', 'bounds'))!, afterBounds: (await read('compare-map-after', 'bounds'))!,
  };
}

describe('imagery comparison #/compare', () => {
  test('loads the sample epochs into IndexedDB on first use', async () => {
    const { page } = session();
    await openApp(page, '/compare');
    const stored = await counts(page);
    expect(stored['epochs']).toBe(2);
    await expect.poll(() => page.getByTestId('compare-epoch-before').inputValue()).toBe('epoch-2025-11');
    expect(await page.getByTestId('compare-epoch-after').inputValue()).toBe('epoch-2026-11');
  });

  test('the swipe divider shows the earlier epoch on its left and the later on its right', async () => {
    const { page } = session();
    expect(newBuilding).toBeDefined();
    await fitMapTo(page, boxAround(newBuilding, 60), 0);
    const centre = turf.centroid(newBuilding).geometry.coordinates as [number, number];
    const point = await pagePointOf(page, centre);
    const region = { x: point.x - 6, y: point.y - 6, width: 12, height: 12 };
    const stage = (await page.getByTestId('compare-stage').boundingBox())!;

    await dragDividerTo(page, Math.min(stage.x + stage.width - 5, point.x + 200), point.y);
    expect(Number(await page.getByTestId('compare-divider').getAttribute('data-position'))).toBeGreaterThan(50);
    await waitForMapIdle(page);
    const earlierSide = await page.screenshot({ clip: region });

    await dragDividerTo(page, Math.max(stage.x + 5, point.x - 200), point.y);
    await waitForMapIdle(page);
    const laterSide = await page.screenshot({ clip: region });

    // The new building is only on the later image: where it stands the two sides differ.
    const pixels = region.width * region.height;
    expect(countDifferentPixels(earlierSide, laterSide, 40)).toBeGreaterThan(pixels * 0.8);
    // A control spot on open ground away from the building looks alike on both sides.
    const control = { x: point.x - 6, y: Math.min(stage.y + stage.height - 20, point.y + 150), width: 12, height: 12 };
    await dragDividerTo(page, Math.min(stage.x + stage.width - 5, point.x + 200), point.y);
    await waitForMapIdle(page);
    const controlEarlier = decodePng(await page.screenshot({ clip: control }));
    await dragDividerTo(page, Math.max(stage.x + 5, point.x - 200), point.y);
    await waitForMapIdle(page);
    const controlLater = decodePng(await page.screenshot({ clip: control }));
    expect(countDifferentPixels(controlEarlier, controlLater, 40)).toBeLessThan(pixels * 0.2);
  });

  test('the two maps keep exactly the same camera when panned, resized and side by side', async () => {
    const { page } = session();
    const stage = (await page.getByTestId('compare-stage').boundingBox())!;
    await page.mouse.move(stage.x + stage.width * 0.8, stage.y + stage.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width * 0.7, stage.y + stage.height * 0.4, { steps: 5 });
    await page.mouse.up();
    await parkMouse(page);
    await waitForMapIdle(page);
    let camera = await cameras(page);
    expect(camera.before).toBe(camera.after);
    expect(camera.beforeBounds).toBe(camera.afterBounds);

    await page.setViewportSize({ width: 1100, height: 700 });
    await eventually(async () => {
      camera = await cameras(page);
      expect(camera.beforeBounds).toBe(camera.afterBounds);
    });
    expect(camera.before).toBe(camera.after);

    await page.getByTestId('compare-mode-side').click();
    await eventually(async () => {
      camera = await cameras(page);
      expect(camera.before).toBe(camera.after);
      expect(camera.beforeBounds).toBe(camera.afterBounds);
      expect(await page.getByTestId('compare-divider').count()).toBe(0);
    });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByTestId('compare-mode-fade').click();
    await page.getByTestId('compare-fade').fill('20');
    await page.getByTestId('compare-mode-flicker').click();
    const phase = await page.getByTestId('compare-stage').getAttribute('data-flicker-later');
    await expect.poll(() => page.getByTestId('compare-stage').getAttribute('data-flicker-later'), { timeout: 5000 }).not.toBe(phase);
    await page.getByTestId('compare-mode-swipe').click();
    await expect.poll(() => page.getByTestId('compare-divider').count()).toBe(1);
  });

  test('detection finds the new building, and verifying it as 违法 creates a violation the ledger lists after a reload', async () => {
    const { page } = session();
    await fitMapTo(page, boxAround(newBuilding, 150), 0);
    await page.getByTestId('detect-changes').click();
    await expect.poll(() => page.getByTestId('detection-status').textContent(), { timeout: 60_000 }).toMatch(/检测到 \d+ 个变化图斑/);
    expect(await page.getByTestId('detection-status').getAttribute('role')).toBe('status');
    console.log(`detection over the view: ${await page.getByTestId('detection-status').textContent()}`);

    const patches = (await exportGeoJSON(page, 'changePatches')).features as Feature<Polygon>[];
    const patch = patches.find((candidate) => turf.booleanIntersects(candidate, newBuilding));
    expect(patch, 'a patch on the planted new building').toBeDefined();
    expect(patch!.properties?.['status']).toBe('待核查');
    const plantedArea = Number(newBuilding.properties?.['areaSquareMeters']);
    expect(Math.abs(Number(patch!.properties?.['areaSquareMeters']) - plantedArea) / plantedArea).toBeLessThan(0.15);

    const row = page.getByTestId('patch-list').locator(`[data-testid="patch-row"][data-patch-id="${patch!.id}"]`);
    await row.click();
    expect(await row.getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('patch-inspector').fill('王核查');
    await page.getByTestId('patch-note').fill('外业核查：新建厂房，无审批手续');
    await page.getByTestId('patch-status-next').selectOption('已核查');
    await page.getByTestId('patch-status-apply').click();
    await expect.poll(() => page.getByTestId('patch-status').textContent()).toBe('已核查');
    await page.getByTestId('patch-status-next').selectOption('认定:违法');
    await page.getByTestId('patch-note').fill('未批先建，认定为违法建设');
    await page.getByTestId('patch-status-apply').click();
    await expect.poll(() => page.getByTestId('patch-status').textContent()).toBe('认定（违法）');
    const violationCode = (await page.getByTestId('patch-violation-code').textContent())!;
    expect(violationCode).toMatch(/^WP-\d{8}-\d{4}$/);
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');

    const violationId = `v-${patch!.id}`;
    const violation = (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.id === violationId);
    expect(violation?.properties).toMatchObject({ code: violationCode, status: '认定', origin: '新增' });
    expect(Number(violation?.properties?.['areaSquareMeters'])).toBeCloseTo(Number(patch!.properties?.['areaSquareMeters']), 0);
    expect(violation?.properties?.['townshipId']).toMatch(/^township-/);
    const linked = (await exportGeoJSON(page, 'changePatches')).features.find((feature) => feature.id === patch!.id);
    expect(linked?.properties).toMatchObject({ status: '认定', violationId });

    const findInLedger = async () => {
      await page.getByTestId('ledger-tab-violations').click();
      await page.getByTestId('ledger-filter-query').fill(violationCode);
      await expect.poll(() => page.getByTestId('ledger-table-violations').locator(`[data-row-id="${violationId}"]`).count()).toBe(1);
    };
    await page.getByTestId('nav-ledger').click();
    await waitForReady(page);
    await findInLedger();
    await page.reload();
    await waitForReady(page);
    await findInLedger();
  });

  test('after a reload the patch keeps its history, and running detection again adds no duplicate', async () => {
    const { page } = session();
    await openApp(page, '/compare');
    const before = (await exportGeoJSON(page, 'changePatches')).features;
    const confirmed = before.find((feature) => feature.properties?.['violationId']);
    expect(confirmed).toBeDefined();
    await page.getByTestId('patch-list').locator(`[data-patch-id="${confirmed!.id}"]`).click();
    await expect.poll(() => page.getByTestId('patch-status').textContent()).toBe('认定（违法）');
    await expect.poll(() => page.locator('.patch-history li').count()).toBe(3);
    await fitMapTo(page, boxAround(newBuilding, 150), 0);
    await page.getByTestId('detect-changes').click();
    await expect.poll(() => page.getByTestId('detection-status').textContent(), { timeout: 60_000 }).toMatch(/新增 0 个/);
    expect((await exportGeoJSON(page, 'changePatches')).features).toHaveLength(before.length);
  });

  test('a PNG with its world file in Gauss-Krüger is added as an epoch, drawn where it belongs, and is there offline after a reload', async () => {
    const { page } = session();
    await openApp(page, '/compare');
    await page.getByTestId('epoch-add').click();
    await page.getByTestId('epoch-file-input').setInputFiles([fileURLToPathOf('gk-4549-ortho.png'), fileURLToPathOf('gk-4549-ortho.pgw')]);
    await page.getByTestId('epoch-crs').selectOption('4549');
    await page.getByTestId('epoch-date').fill('2027-01-10');
    await page.getByTestId('epoch-name').fill('2027年1月 无人机正射');
    // A wrong system first: the metres land far outside China and the dialog says so, naming the files.
    await page.getByTestId('epoch-crs').selectOption('4490');
    await page.getByTestId('epoch-save').click();
    await expect.poll(() => page.getByTestId('epoch-error').textContent()).toMatch(/gk-4549-ortho\.png \+ gk-4549-ortho\.pgw：.*(不在中国境内|超出)/);
    await page.getByTestId('epoch-crs').selectOption('4549');
    await page.getByTestId('epoch-save').click();
    await expect.poll(() => page.getByTestId('detection-status').textContent()).toContain('已添加影像时相「2027年1月 无人机正射」');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    expect((await counts(page))['epochs']).toBe(3);

    const checkPlacement = async () => {
      await page.getByTestId('compare-divider').focus();
      await page.keyboard.press('Home');
      await parkMouse(page);
      await fitMapTo(page, [...gaussKrugerToLonLat(545650, 3044750), ...gaussKrugerToLonLat(545950, 3045050)] as BoundingBox, 0);
      // Where proj4 puts the cyan middle square (545780–545820 E, 3044880–3044920 N) and the magenta around it.
      await eventually(async () => expect(isCyan(await colourAt(page, gaussKrugerToLonLat(545800, 3044900)))).toBe(true));
      expect(isMagenta(await colourAt(page, gaussKrugerToLonLat(545725, 3044975)))).toBe(true);
      expect(isMagenta(await colourAt(page, gaussKrugerToLonLat(545875, 3044825)))).toBe(true);
      // 25 m outside each corner: the image does not reach.
      expect(isMagenta(await colourAt(page, gaussKrugerToLonLat(545675, 3045025)))).toBe(false);
      expect(isMagenta(await colourAt(page, gaussKrugerToLonLat(545925, 3044775)))).toBe(false);
    };
    await checkPlacement();
    await page.reload();
    await waitForReady(page);
    expect(await page.getByTestId('compare-epoch-after').inputValue()).toMatch(/^epoch-user-/);
    await checkPlacement();
  });

  test('detection over an area drawn across the swipe divider finds only what is inside; a photo and 整改中 / 销号 follow the patch and its violation', async () => {
    const { page } = session();
    await openApp(page, '/compare');
    await page.getByTestId('compare-epoch-after').selectOption('epoch-2026-11');
    const target = planted
      .filter((change) => change.properties?.['change'] === '新增' && Number(change.properties?.['areaSquareMeters']) > 100 && change !== newBuilding)
      .sort((a, b) => Number(b.properties?.['areaSquareMeters']) - Number(a.properties?.['areaSquareMeters']))[0] as Feature<Polygon>;
    await fitMapTo(page, boxAround(target, 90), 0);
    const centre = await pagePointOf(page, turf.centroid(target).geometry.coordinates as [number, number]);
    const divider = (await page.getByTestId('compare-divider').boundingBox())!;
    // Vertices on both sides of the divider (the square straddles it).
    await page.getByTestId('compare-draw-area').click();
    const half = 120;
    const dividerX = divider.x + divider.width / 2;
    const corners = [[dividerX - half, centre.y - half], [dividerX + half, centre.y - half], [dividerX + half, centre.y + half], [dividerX - half, centre.y + half]] as const;
    expect(corners.some(([x]) => x < dividerX) && corners.some(([x]) => x > dividerX)).toBe(true);
    for (const [x, y] of corners) await page.mouse.click(x, y);
    await page.keyboard.press('Enter');
    await parkMouse(page);
    const ring = await Promise.all(corners.map(([x, y]) => lngLatAt(page, x, y)));
    const area = turf.polygon([[...ring, ring[0]!]]);
    const known = new Set((await exportGeoJSON(page, 'changePatches')).features.map((feature) => String(feature.id)));
    await page.getByTestId('detect-area').click();
    await expect.poll(() => page.getByTestId('detection-status').textContent(), { timeout: 60_000 }).toMatch(/所画范围内检测到 \d+ 个变化图斑/);
    const status = (await page.getByTestId('detection-status').textContent())!;
    // The worker read only the area's window: at 1 m per pixel, about its size in metres.
    const [width, height] = /(\d+)×(\d+) 像素/.exec(status)!.slice(1).map(Number) as [number, number];
    const [west, south, east, north] = turf.bbox(area);
    const widthMeters = turf.distance([west, (south + north) / 2], [east, (south + north) / 2], { units: 'meters' });
    const heightMeters = turf.distance([west, south], [west, north], { units: 'meters' });
    expect(Math.abs(width - widthMeters)).toBeLessThan(4);
    expect(Math.abs(height - heightMeters)).toBeLessThan(4);
    const added = (await exportGeoJSON(page, 'changePatches')).features.filter((feature) => !known.has(String(feature.id))) as Feature<Polygon>[];
    expect(added.length).toBeGreaterThan(0);
    for (const patch of added) expect(turf.booleanWithin(turf.centroid(patch), area)).toBe(true);
    const patch = added.find((candidate) => turf.booleanIntersects(candidate, target));
    expect(patch, 'a patch on the planted building inside the area').toBeDefined();

    await page.getByTestId('patch-list').locator(`[data-patch-id="${patch!.id}"]`).click();
    await page.getByTestId('patch-inspector').fill('赵核查');
    await page.getByTestId('patch-photo-input').setInputFiles(fileURLToPathOf('gk-4549-ortho.png'));
    await expect.poll(() => page.getByTestId('patch-photo').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="patch-photo"] img').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(100);
    expect(await page.getByTestId('patch-photo').textContent()).toContain('赵核查');
    for (const step of ['已核查', '认定:违法', '整改中']) {
      await page.getByTestId('patch-status-next').selectOption(step);
      await page.getByTestId('patch-status-apply').click();
      await expect.poll(() => page.getByTestId('patch-status').textContent()).toBe(step === '认定:违法' ? '认定（违法）' : step);
    }
    const violationId = `v-${patch!.id}`;
    const violationStatus = async () => (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.id === violationId)?.properties?.['status'];
    await expect.poll(violationStatus).toBe('处置中');
    await page.getByTestId('patch-status-next').selectOption('销号');
    await page.getByTestId('patch-outcome').selectOption('已拆除');
    await page.getByTestId('patch-status-apply').click();
    await expect.poll(() => page.getByTestId('patch-status').textContent()).toBe('销号');
    await expect.poll(violationStatus).toBe('已拆除');

    await page.reload();
    await waitForReady(page);
    await page.getByTestId('patch-list').locator(`[data-patch-id="${patch!.id}"]`).click();
    await expect.poll(() => page.locator('[data-testid="patch-photo"] img').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(100);
  });

  test('in swipe mode a zone drawn across the divider is saved with its vertices, and a violation picked on the map moves to its next status', async () => {
    const { page } = session();
    await openApp(page, '/compare');
    const [west, south, east, north] = [120.4606852, 27.5138292, 120.4749256, 27.5258779];
    const patches = (await exportGeoJSON(page, 'changePatches')).features;
    const violations = (await exportGeoJSON(page, 'violations')).features as Feature<Polygon>[];
    // An open violation well inside the imagery, clear of change patches and of other violations where it is clicked.
    const candidates = violations
      .filter((violation) => violation.properties?.['status'] !== '销号' && turf.area(violation) > 150)
      .map((violation) => ({ violation, point: turf.pointOnFeature(violation).geometry.coordinates as [number, number] }))
      .filter(({ point: [x, y] }) => x > west && x < east && y > south && y < north);
    const picked = candidates.find(({ violation, point }) =>
      !patches.some((patch) => turf.booleanIntersects(patch, violation)) &&
      !violations.some((other) => other !== violation && turf.booleanPointInPolygon(point, other)));
    expect(picked, 'an open violation to click').toBeDefined();
    const { violation, point } = picked!;

    // A square straddling the divider, drawn with clicks on both maps.
    await fitMapTo(page, turf.bbox(turf.buffer(turf.point(point), 0.08, { units: 'kilometers' })!) as BoundingBox, 0);
    const divider = (await page.getByTestId('compare-divider').boundingBox())!;
    // Whole CSS pixels, as the mouse events carry them.
    const dividerX = Math.round(divider.x + divider.width / 2);
    const middleY = Math.round(divider.y + divider.height / 2);
    const corners = [[dividerX - 110, middleY - 90], [dividerX + 110, middleY - 90], [dividerX + 110, middleY + 90], [dividerX - 110, middleY + 90]] as const;
    const knownZones = new Set((await exportGeoJSON(page, 'zones')).features.map((zone) => String(zone.id)));
    await page.getByTestId('compare-draw-zone').click();
    for (const [x, y] of corners) await page.mouse.click(x, y);
    await page.keyboard.press('Enter');
    await parkMouse(page);
    const ring = await Promise.all(corners.map(([x, y]) => lngLatAt(page, x, y)));
    await page.getByTestId('compare-zone-form-name').fill('卷帘线两侧新区块');
    await page.getByTestId('compare-zone-form-save').click();
    await expect.poll(() => page.getByTestId('compare-feature-panel').getAttribute('data-layer')).toBe('zones');
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    const created = (await exportGeoJSON(page, 'zones')).features.filter((zone) => !knownZones.has(String(zone.id))) as Feature<Polygon>[];
    expect(created).toHaveLength(1);
    expect(created[0]!.properties?.['name']).toBe('卷帘线两侧新区块');
    const stored = created[0]!.geometry.coordinates[0]!;
    expect(stored).toHaveLength(5);
    for (const corner of ring) expect(stored.some((vertex) => Math.hypot(vertex[0]! - corner[0], vertex[1]! - corner[1]) < 1e-6)).toBe(true);
    const townships = (await exportGeoJSON(page, 'townships')).features as Feature<Polygon>[];
    const home = townships.find((township) => turf.booleanPointInPolygon(turf.centroid(created[0]!), township));
    expect(created[0]!.properties?.['townshipId']).toBe(home?.id);

    // The violation, shown left of the divider, picked on the map and moved on one step.
    const metres = (bearing: number, kilometres: number) => turf.destination(point, kilometres, bearing).geometry.coordinates as [number, number];
    await fitMapTo(page, [metres(-90, 0.05)[0], metres(180, 0.05)[1], metres(90, 0.15)[0], metres(0, 0.05)[1]], 0);
    const target = await pagePointOf(page, point);
    expect(target.x).toBeLessThan(dividerX - 20);
    await page.mouse.click(target.x, target.y);
    await parkMouse(page);
    const panel = page.getByTestId('compare-feature-panel');
    await expect.poll(() => panel.getAttribute('data-record-id')).toBe(String(violation.id));
    const before = String(violation.properties?.['status']);
    const next = await page.getByTestId('violation-status-next').inputValue();
    expect(next).not.toBe(before);
    await page.getByTestId('violation-status-apply').click();
    const statusOf = async () => (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.id === violation.id)?.properties?.['status'];
    await expect.poll(statusOf).toBe(next);
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
  });
});
