/**
 * Never lose a planner's work: an edit survives closing the page at once, two tabs editing
 * different features both keep their edits (and see each other's), and a quota failure is shown
 * while the edit stays on screen and can be exported.
 */
import { readFile } from 'node:fs/promises';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { readBackup } from '../../src/state/project-backup';
import { exportGeoJSON, fitMapTo, openApp, pagePointOf, useE2eSession, waitForMapIdle, waitForReady, type BoundingBox } from './harness';

const session = useE2eSession();
type AreaFeature = Feature<Polygon | MultiPolygon>;

/** The n-th largest violation with a status (large ones are easy click targets). */
async function violationWithStatus(page: Page, status: string, rank: number): Promise<AreaFeature> {
  const violations = (await exportGeoJSON(page, 'violations')).features as AreaFeature[];
  const candidates = violations.filter((feature) => feature.properties?.['status'] === status)
    .sort((a, b) => Number(b.properties?.['areaSquareMeters']) - Number(a.properties?.['areaSquareMeters']));
  return candidates[rank]!;
}

/** Opens the violation's panel by clicking it on the map and applies the first next status. */
async function advanceThroughPanel(page: Page, violation: AreaFeature): Promise<string> {
  await fitMapTo(page, turf.bbox(violation) as BoundingBox, 250);
  await waitForMapIdle(page);
  const point = await pagePointOf(page, turf.pointOnFeature(violation).geometry.coordinates as [number, number]);
  await page.mouse.click(point.x, point.y);
  const panel = page.getByTestId('feature-panel');
  await panel.waitFor();
  await expect.poll(() => panel.innerText()).toContain(String(violation.properties?.['code']));
  const next = await page.getByTestId('violation-status-next').inputValue();
  await page.getByTestId('violation-status-apply').click();
  return next;
}

async function storedStatus(page: Page, id: string | number | undefined): Promise<unknown> {
  return (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.id === id)?.properties?.['status'];
}

describe('durability', () => {
  test('an edit followed by closing the page within 300 ms is there after reopening', async () => {
    const { page, newPage } = session();
    await openApp(page, '/');
    const violation = await violationWithStatus(page, '认定', 0);
    const next = await advanceThroughPanel(page, violation);
    // Close 100 ms after the click that made the edit, without waiting for the save status.
    await page.waitForTimeout(100);
    await page.close({ runBeforeUnload: false });
    const reopened = await newPage();
    await openApp(reopened, '/');
    expect(await storedStatus(reopened, violation.id)).toBe(next);
  });

  test('two tabs editing different features both keep their edits', async () => {
    const { context, newPage } = session();
    const first = context.pages()[0] ?? (await newPage());
    if (!first.url().includes('e2e=1')) await openApp(first, '/');
    const second = await newPage();
    await openApp(second, '/');
    const a = await violationWithStatus(first, '发现', 0);
    const b = await violationWithStatus(first, '发现', 1);
    const nextA = await advanceThroughPanel(first, a);
    const nextB = await advanceThroughPanel(second, b);
    await expect.poll(() => first.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    await expect.poll(() => second.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
    // (Each tab's memory following the other's edits is covered by the project-service unit test
    // and the wall e2e test.) Storage has both edits...
    for (const page of [first, second]) {
      expect(await storedStatus(page, a.id)).toBe(nextA);
      expect(await storedStatus(page, b.id)).toBe(nextB);
    }
    // ...and a reload of either keeps both.
    await first.reload();
    await waitForReady(first);
    expect(await storedStatus(first, a.id)).toBe(nextA);
    expect(await storedStatus(first, b.id)).toBe(nextB);
    await second.close();
  });

  test('a quota failure is shown, the edit stays on screen and can be exported, and nothing is lost', async () => {
    const { context } = session();
    const page = context.pages()[0]!;
    await page.addInitScript(() => {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function patchedPut(this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        if ((window as unknown as { failWrites?: boolean }).failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return put.apply(this, args);
      };
    });
    await openApp(page, '/');
    const violation = await violationWithStatus(page, '发现', 2);
    await page.evaluate(() => { (window as unknown as { failWrites: boolean }).failWrites = true; });
    const next = await advanceThroughPanel(page, violation);
    const status = page.getByTestId('save-status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('failed');
    expect(await status.innerText()).toContain('存储空间已满');
    // The panel (memory) shows the new status; storage still has the old one.
    await expect.poll(() => page.getByTestId('feature-panel').innerText()).toContain(next);
    expect(await storedStatus(page, violation.id)).toBe('发现');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-failed-export').click()]);
    const backup = readBackup(new Uint8Array(await readFile(await download.path())));
    expect(backup.ok).toBe(true);
    if (backup.ok) {
      const saved = backup.value.records['violations']!.find((record) => record.id === violation.id) as unknown as AreaFeature;
      expect(saved.properties?.['status']).toBe(next);
    }
    // Once storage works again, the next edit saves.
    await page.evaluate(() => { (window as unknown as { failWrites: boolean }).failWrites = false; });
    await page.getByTestId('violation-status-apply').click();
    await expect.poll(() => status.getAttribute('data-state')).toBe('saved');
  });
});
