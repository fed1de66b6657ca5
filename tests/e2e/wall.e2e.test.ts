/**
 * End-to-end tests of the wall screen (`#/wall`) at 1920×1080 in a real Chromium: every panel
 * draws pixels, the KPI figures equal the ledger's, an edit made in a second tab reaches the wall
 * within seconds without a reload or a new map, the tour advances and pauses while the page is
 * hidden, and a forced WebGL context loss recovers. One browser profile for the file; the tests
 * run in order and the edit test changes stored data (later tests don't depend on the figures).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  DIST_DIRECTORY,
  eventually,
  exportGeoJSON,
  fitMapTo,
  openApp,
  pagePointOf,
  parkMouse,
  screenshotTestId,
  useE2eSession,
  waitForMapIdle,
  type BoundingBox,
  type OneMapWindow,
} from './harness';
import { countDifferentPixels, countNonBackgroundPixels, decodePng, type RgbaImage } from './png';

const WALL_VIEWPORT = { width: 1920, height: 1080 };
const KPI_NAMES = ['demolition', 'week', 'remaining', 'signing', 'village-demolished', 'four-no', 'park', 'farmland'] as const;
/** How long a store update may take to reach the wall from another tab. */
const SYNC_TIMEOUT_MILLISECONDS = 8_000;

const session = useE2eSession();

beforeAll(async () => {
  if (!existsSync(path.join(DIST_DIRECTORY, 'index.html'))) {
    throw new Error(`No build in ${DIST_DIRECTORY}: run \`npx vite build\` before the end-to-end tests.`);
  }
  await session().page.setViewportSize(WALL_VIEWPORT);
});

/** Opens the wall with the tour held still (a long interval), so map screenshots are comparable. */
async function openWall(page: Page): Promise<void> {
  await openApp(page, '/wall');
  await setTourInterval(page, 600);
  await parkMouse(page);
}

async function setTourInterval(page: Page, seconds: number): Promise<void> {
  await page.getByTestId('wall-tour-interval').fill(String(seconds));
  await page.getByTestId('wall-tour-interval').blur();
}

/** Overlays that sit on the map (caption, legend, notice) are hidden while the map is shot. */
async function mapShot(page: Page): Promise<RgbaImage> {
  await waitForMapIdle(page);
  const setOverlays = (visibility: string) => page.evaluate((value) => {
    for (const element of document.querySelectorAll<HTMLElement>('.wall-tour-caption, .wall-legend')) element.style.visibility = value;
  }, visibility);
  await setOverlays('hidden');
  try {
    return decodePng(await screenshotTestId(page, 'wall-map'));
  } finally {
    await setOverlays('');
  }
}

/** Pixels in the warm part of the hotspot ramp (red → orange → yellow): the deck.gl cells, nothing else on the dark map. */
function countWarmPixels(image: RgbaImage): number {
  let count = 0;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const red = image.data[offset] ?? 0;
    const green = image.data[offset + 1] ?? 0;
    const blue = image.data[offset + 2] ?? 0;
    if (red > 140 && red - blue > 80 && green < 235) count++;
  }
  return count;
}

/** Pixels close to a colour (the trend line, the ranking bars …). */
function countNear(image: RgbaImage, color: readonly [number, number, number], tolerance = 40): number {
  let count = 0;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    if (Math.abs((image.data[offset] ?? 0) - color[0]) <= tolerance && Math.abs((image.data[offset + 1] ?? 0) - color[1]) <= tolerance
      && Math.abs((image.data[offset + 2] ?? 0) - color[2]) <= tolerance) count++;
  }
  return count;
}

interface KpiReading {
  value: number | null;
  text: string;
}

async function readKpis(page: Page): Promise<Record<string, KpiReading>> {
  return page.evaluate((names) => {
    const result: Record<string, { value: number | null; text: string }> = {};
    for (const name of names) {
      const element = document.querySelector(`[data-testid="wall-kpi-${name}"]`);
      const raw = element?.getAttribute('data-value') ?? '';
      result[name] = { value: raw === '' ? null : Number(raw), text: element?.getAttribute('data-text') ?? '' };
    }
    return result;
  }, [...KPI_NAMES]);
}

/** The ledger's table as { columnKey: cellText } per row (header order from the sort buttons), plus the total row. */
async function readLedgerTable(page: Page, tableId: string): Promise<{ rows: Record<string, string>[]; total: Record<string, string> | null }> {
  return page.evaluate((testId) => {
    const table = document.querySelector(`[data-testid="${testId}"]`);
    if (!table) throw new Error(`no ${testId}`);
    const keys = Array.from(table.querySelectorAll('[role="columnheader"]'), (header) => (header.getAttribute('data-testid') ?? '').replace(`${testId}-sort-`, ''));
    const read = (row: Element) => Object.fromEntries(Array.from(row.querySelectorAll('[role="cell"]'), (cell, index) => [keys[index] ?? String(index), cell.textContent ?? '']));
    const rows = Array.from(table.querySelectorAll('.data-row:not(.header):not(.total)'), read);
    const total = table.querySelector('.data-row.total');
    return { rows, total: total ? read(total) : null };
  }, tableId);
}

async function readWallRanking(page: Page): Promise<string[][]> {
  return page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="wall-ranking"] .ranking-row'), (row) => [
    row.querySelector('.ranking-rank')?.textContent ?? '',
    row.querySelector('.ranking-name')?.textContent ?? '',
    row.querySelector('.ranking-rate')?.textContent ?? '',
    row.querySelector('.ranking-board')?.textContent ?? '',
  ]));
}

type AreaFeature = Feature<Polygon | MultiPolygon>;

describe('wall screen #/wall at 1920×1080', () => {
  test('every panel renders: the hotspot map, KPI tiles, ranking bars and trend chart draw pixels; nothing is saved', async () => {
    const { page } = session();
    await openWall(page);
    for (const id of ['wall-map', 'wall-ranking', 'wall-trend', 'wall-tour-caption', 'wall-tour-interval', 'save-status', ...KPI_NAMES.map((name) => `wall-kpi-${name}`)]) {
      expect(await page.getByTestId(id).isVisible(), `${id} is visible`).toBe(true);
    }
    // The layout fits the screen: no scrolling on a wall.
    const overflow = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    expect(overflow).toEqual(WALL_VIEWPORT);

    const map = await mapShot(page);
    const mapPixels = map.width * map.height;
    const drawn = countNonBackgroundPixels(map);
    const warm = countWarmPixels(map);
    console.info(`map ${map.width}×${map.height}: ${drawn} pixels differ from the background, ${warm} in hotspot colours`);
    expect(drawn).toBeGreaterThan(mapPixels * 0.2);
    expect(warm).toBeGreaterThan(mapPixels * 0.005);

    const trend = decodePng(await screenshotTestId(page, 'wall-trend'));
    const trendLine = countNear(trend, [111, 211, 255]);
    const milestoneLine = countNear(trend, [251, 191, 36]);
    console.info(`trend ${trend.width}×${trend.height}: ${countNonBackgroundPixels(trend)} drawn, ${trendLine} on the series line, ${milestoneLine} on the milestone line`);
    expect(countNonBackgroundPixels(trend)).toBeGreaterThan(trend.width * trend.height * 0.05);
    expect(trendLine).toBeGreaterThan(500);
    expect(milestoneLine).toBeGreaterThan(150);
    expect(Number(await page.getByTestId('wall-trend').getAttribute('data-points'))).toBeGreaterThan(2);

    const ranking = decodePng(await screenshotTestId(page, 'wall-ranking'));
    expect(countNonBackgroundPixels(ranking)).toBeGreaterThan(ranking.width * ranking.height * 0.1);
    expect((await readWallRanking(page)).length).toBeGreaterThan(0);

    const kpis = await readKpis(page);
    for (const name of KPI_NAMES) {
      expect(kpis[name]?.text, `wall-kpi-${name} text`).not.toBe('');
      const tile = decodePng(await screenshotTestId(page, `wall-kpi-${name}`));
      expect(countNonBackgroundPixels(tile), `wall-kpi-${name} draws`).toBeGreaterThan(tile.width * tile.height * 0.03);
    }
    // 垦造耕地 = the stored 耕 parcels of the sample's land-use plans.
    const farmlandSquareMeters = (await exportGeoJSON(page, 'landUseParcels')).features
      .filter((parcel) => parcel.properties?.['landUseClass'] === '耕')
      .reduce((sum, parcel) => sum + Number(parcel.properties?.['areaSquareMeters']), 0);
    expect(farmlandSquareMeters).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('wall-kpi-farmland').getAttribute('data-value'))).toBeCloseTo(farmlandSquareMeters, 3);
    // Opening the wall wrote nothing: the save status never left its initial state.
    expect(await page.getByTestId('save-status').getAttribute('data-state')).toBe('idle');
  });

  test('the KPI figures and the ranking equal the ledger view', async () => {
    const { page } = session();
    await openWall(page);
    const kpis = await readKpis(page);
    const wallRanking = await readWallRanking(page);
    const completion = await page.getByTestId('wall-kpi-demolition').getAttribute('data-completion-rate');

    await openApp(page, '/ledger');
    const { total } = await readLedgerTable(page, 'ledger-table-townships');
    if (!total) throw new Error('the township table has no total row');
    const pairs: [string, string][] = [
      ['demolition', 'demolishedArea'], ['week', 'weekChange'], ['remaining', 'remainingArea'], ['signing', 'signingRate'],
      ['village-demolished', 'demolishedHouseholds'], ['four-no', 'rectificationRate'],
    ];
    for (const [kpi, column] of pairs) expect({ kpi, text: kpis[kpi]?.text }).toEqual({ kpi, text: total[column] });
    expect(`${(Number(completion) * 100).toFixed(1)}%`).toBe(total['completionRate']);
    // The raw figures round to the shown ones (m² → 万m², two decimals).
    for (const [kpi, column] of pairs.filter(([, key]) => key.endsWith('Area') || key === 'weekChange')) {
      expect((Math.round(((kpis[kpi]?.value ?? 0) / 10000) * 100) / 100).toFixed(2)).toBe(total[column]?.replace(/,/g, ''));
    }
    console.info(`wall = ledger: 拆违 ${kpis['demolition']?.text} 万m², 本周 ${kpis['week']?.text}, 签约率 ${kpis['signing']?.text}, 整治率 ${kpis['four-no']?.text}`);

    await page.getByTestId('ledger-tab-ranking').click();
    const ledgerRanking = (await readLedgerTable(page, 'ledger-table-ranking')).rows.map((row) => [row['rank'], row['name'], row['completionRate'], row['board']]);
    expect(wallRanking).toEqual(ledgerRanking);
  });

  test('an edit in a second tab updates the wall within seconds, without a reload or a new map', async () => {
    const { page, newPage } = session();
    await openWall(page);
    await page.evaluate(() => {
      const marked = window as unknown as { __wallMapBefore?: unknown } & OneMapWindow;
      marked.__wallMapBefore = marked.__onemap.map;
    });
    const before = await readKpis(page);

    // The planner's tab: advance the largest 处置中 violation to 已拆除 through the feature panel.
    const planner = await newPage();
    try {
      await planner.setViewportSize({ width: 1280, height: 800 });
      await openApp(planner, '/');
      const violations = (await exportGeoJSON(planner, 'violations')).features as AreaFeature[];
      const target = violations
        .filter((feature) => feature.properties?.['status'] === '处置中')
        .reduce((a, b) => (Number(b.properties?.['areaSquareMeters']) > Number(a.properties?.['areaSquareMeters']) ? b : a));
      const area = Number(target.properties?.['areaSquareMeters']);
      await fitMapTo(planner, turf.bbox(target) as BoundingBox, 250);
      const point = await pagePointOf(planner, turf.pointOnFeature(target).geometry.coordinates as [number, number]);
      expect(point.insideMap, `the violation is covered by ${point.topElement}`).toBe(true);
      await planner.mouse.click(point.x, point.y);
      await planner.getByTestId('feature-panel').waitFor({ state: 'visible' });
      await planner.getByTestId('violation-status-next').selectOption('已拆除');
      await planner.getByTestId('violation-status-apply').click();
      await eventually(async () => expect(await planner.getByTestId('save-status').innerText()).toContain('已保存'), 15_000);
      const editedAt = Date.now();

      // The wall, untouched, follows.
      let after: Record<string, KpiReading>;
      try {
        after = await eventually(async () => {
          const current = await readKpis(page);
          expect(current['remaining']?.value).toBeCloseTo((before['remaining']?.value ?? 0) - area, 3);
          return current;
        }, SYNC_TIMEOUT_MILLISECONDS);
      } catch (error) {
        const synced = await page.evaluate(() => typeof BroadcastChannel !== 'undefined');
        throw new Error(`the wall did not show the other tab's edit within ${SYNC_TIMEOUT_MILLISECONDS / 1000} s (cross-tab sync in ProjectService; BroadcastChannel available: ${synced}): ${String(error)}`);
      }
      console.info(`the wall showed the other tab's edit after ${Date.now() - editedAt} ms`);
      expect(after['demolition']?.value).toBeCloseTo((before['demolition']?.value ?? 0) + area, 3);
      const sameMap = await page.evaluate(() => {
        const marked = window as unknown as { __wallMapBefore?: unknown } & OneMapWindow;
        return marked.__wallMapBefore === marked.__onemap.map && document.querySelectorAll('[data-testid="wall-map"] canvas').length === 1;
      });
      expect(sameMap, 'the map was recreated').toBe(true);
      expect(await page.getByTestId('save-status').getAttribute('data-state'), 'the wall saved something').toBe('idle');
    } finally {
      await planner.close();
    }
  });

  test('the tour flies to the next hotspot every N seconds and pauses while the page is hidden', async () => {
    const { page } = session();
    await openWall(page);
    const caption = page.getByTestId('wall-tour-caption');
    expect(await caption.getAttribute('data-step')).toBe('0');
    const centerOf = () => page.evaluate(() => (window as unknown as OneMapWindow).__onemap.map.getCenter().toArray());
    const start = await centerOf();

    await setTourInterval(page, 3);
    await eventually(async () => expect(await caption.getAttribute('data-step')).toBe('1'), 10_000);
    expect(await caption.innerText()).toMatch(/热点 1 \/ \d+[\s\S]*待处置[\s\S]*万m²/);
    await eventually(async () => expect(await centerOf()).not.toEqual(start), 10_000);

    // Hidden page: the clock stops (document.hidden is what the browser reports for a background tab).
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    const hiddenStep = await caption.getAttribute('data-step');
    await page.waitForTimeout(7_000);
    expect(await caption.getAttribute('data-step'), 'the tour moved while hidden').toBe(hiddenStep);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await eventually(async () => expect(await caption.getAttribute('data-step')).not.toBe(hiddenStep), 10_000);

    await page.getByTestId('wall-tour-toggle').click();
    const pausedStep = await caption.getAttribute('data-step');
    await page.waitForTimeout(5_000);
    expect(await caption.getAttribute('data-step')).toBe(pausedStep);
    // The interval is remembered by this browser.
    await page.reload();
    await page.evaluate(() => (window as unknown as OneMapWindow).__onemap.ready);
    expect(await page.getByTestId('wall-tour-interval').inputValue()).toBe('3');
    await setTourInterval(page, 600);
  });

  test('a forced WebGL context loss shows a notice and recovers: the map and the hotspot layer draw again', async () => {
    const { page } = session();
    await openWall(page);
    const before = await mapShot(page);
    const warmBefore = countWarmPixels(before);
    expect(warmBefore).toBeGreaterThan(1000);

    for (let cycle = 1; cycle <= 2; cycle++) {
      await page.evaluate(() => {
        const canvas = (window as unknown as OneMapWindow).__onemap.map.getCanvas();
        const extension = (canvas.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context');
        if (!extension) throw new Error('no WEBGL_lose_context');
        (window as unknown as { __loseContext: WEBGL_lose_context }).__loseContext = extension;
        extension.loseContext();
      });
      await page.getByTestId('wall-context-notice').waitFor({ state: 'visible', timeout: 5_000 });
      expect(await page.getByTestId('wall-context-notice').innerText()).toContain('正在恢复显示');
      await page.waitForTimeout(500);
      await page.evaluate(() => (window as unknown as { __loseContext: WEBGL_lose_context }).__loseContext.restoreContext());
      await page.getByTestId('wall-context-notice').waitFor({ state: 'hidden', timeout: 15_000 });

      const after = await eventually(async () => {
        const shot = await mapShot(page);
        expect(countWarmPixels(shot)).toBeGreaterThan(warmBefore * 0.9);
        return shot;
      }, 20_000, 1000);
      const changed = countDifferentPixels(before, after, 24);
      console.info(`context loss ${cycle}: ${countWarmPixels(after)} hotspot pixels after restore (${warmBefore} before), ${changed} pixels differ`);
      expect(changed).toBeLessThan(before.width * before.height * 0.02);
    }
  });
});
