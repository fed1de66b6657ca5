/**
 * The edit journal, checkpoints and the backup reminder in a real Chromium: two status changes of
 * a violation show in its history with who and before → after; a rollback to a checkpoint gives
 * back exactly the stored records of that moment, also after a reload.
 */
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { nextViolationStatuses, type ViolationStatus } from '../../src/domain/violation-status';
import { exportGeoJSON, fitMapTo, openApp, pagePointOf, useE2eSession, waitForMapIdle, waitForReady, type BoundingBox, type OneMapWindow } from './harness';

const session = useE2eSession();
type AreaFeature = Feature<Polygon | MultiPolygon>;

/** The n-th largest violation with a status (large ones are easy click targets). */
async function violationWithStatus(page: Page, status: string, rank: number): Promise<AreaFeature> {
  const violations = (await exportGeoJSON(page, 'violations')).features as AreaFeature[];
  return violations.filter((feature) => feature.properties?.['status'] === status)
    .sort((a, b) => Number(b.properties?.['areaSquareMeters']) - Number(a.properties?.['areaSquareMeters']))[rank]!;
}

async function openPanel(page: Page, violation: AreaFeature): Promise<void> {
  await fitMapTo(page, turf.bbox(violation) as BoundingBox, 250);
  await waitForMapIdle(page);
  const point = await pagePointOf(page, turf.pointOnFeature(violation).geometry.coordinates as [number, number]);
  await page.mouse.click(point.x, point.y);
  await expect.poll(() => page.getByTestId('feature-panel').innerText()).toContain(String(violation.properties?.['code']));
}

async function applyStatus(page: Page, status: ViolationStatus): Promise<void> {
  await page.getByTestId('violation-status-next').selectOption(status);
  await page.getByTestId('violation-status-apply').click();
  await expect.poll(() => page.getByTestId('save-status').getAttribute('data-state')).toBe('saved');
}

async function storedStatus(page: Page, id: string | number | undefined): Promise<unknown> {
  return (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.id === id)?.properties?.['status'];
}

describe('edit journal and checkpoints', () => {
  test('history-status-twice: two status changes show newest first with who and before → after; backup-reminder offers a backup', async () => {
    const { page } = session();
    await openApp(page, '/');
    await expect.poll(() => page.getByTestId('backup-reminder').count()).toBe(0);
    // Who edits: the 操作人 setting in the import / backup dialog.
    await page.getByTestId('open-import').click();
    await page.getByTestId('journal-author').fill('张科长');
    await page.getByTestId('journal-author-save').click();
    await page.getByTestId('import-close').click();

    const violation = await violationWithStatus(page, '发现', 0);
    const first = nextViolationStatuses('发现')[0]!;
    const second = nextViolationStatuses(first)[0]!;
    await openPanel(page, violation);
    await expect.poll(() => page.getByTestId('history-empty').count()).toBe(1);
    await applyStatus(page, first);
    await applyStatus(page, second);
    expect(await storedStatus(page, violation.id)).toBe(second);

    const entries = page.getByTestId('history-section').getByTestId('history-entry');
    await expect.poll(() => entries.count()).toBe(2);
    const rows = await entries.evaluateAll((items) => items.map((item) => {
      const status = [...item.querySelectorAll('[data-testid="history-change"]')].find((change) => change.getAttribute('data-label') === '状态');
      return { action: item.getAttribute('data-action'), text: item.textContent ?? '', before: status?.getAttribute('data-before'), after: status?.getAttribute('data-after') };
    }));
    expect(rows.map(({ before, after, action }) => ({ before, after, action }))).toEqual([
      { before: first, after: second, action: '修改状态' },
      { before: '发现', after: first, action: '修改状态' },
    ]);
    for (const row of rows) expect(row.text).toContain('张科长');

    // Edits and never a backup: the reminder appears; one click downloads a backup and it goes.
    const reminder = page.getByTestId('backup-reminder');
    await expect.poll(() => reminder.count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-reminder-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.onemap\.gz$/);
    await expect.poll(() => reminder.count()).toBe(0);
  });

  test('checkpoint-rollback: edits and an import after a checkpoint are rolled back to the exact stored records, and stay so after a reload', async () => {
    const { page } = session();
    // Reuses the workspace the previous test left open (each load costs seconds of software rendering).
    if (!page.url().endsWith('/?e2e=1#/')) await openApp(page, '/');
    const atCheckpoint = await exportGeoJSON(page, 'violations');
    await page.getByTestId('open-import').click();
    await page.getByTestId('checkpoint-name').fill('调度会前');
    await page.getByTestId('checkpoint-create').click();
    await expect.poll(() => page.getByTestId('checkpoint-status').innerText()).toContain('调度会前');
    await page.getByTestId('import-close').click();

    const violation = await violationWithStatus(page, '认定', 0);
    await openPanel(page, violation);
    await applyStatus(page, nextViolationStatuses('认定')[0]!);
    const file = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'WJ-ROLLBACK-1' }, geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4003, 27.5], [120.4003, 27.5003], [120.4, 27.5]]] } }] };
    const report = await page.evaluate(async (text) => {
      const handle = (window as unknown as OneMapWindow).__onemap;
      return handle.importFiles([new File([text], 'one.geojson', { type: 'application/geo+json' })], { kind: 'violations' });
    }, JSON.stringify(file));
    expect(report.imported).toBe(1);
    const edited = await exportGeoJSON(page, 'violations');
    expect(edited.features.length).toBe(atCheckpoint.features.length + 1);

    await page.getByTestId('open-import').click();
    await page.locator('[data-testid="checkpoint-row"][data-name="调度会前"] [data-testid="checkpoint-rollback"]').click();
    const preview = page.getByTestId('checkpoint-preview');
    await expect.poll(() => preview.getAttribute('data-changes')).toBe('2');
    await page.getByTestId('checkpoint-rollback-confirm').click();
    await expect.poll(() => page.getByTestId('checkpoint-status').innerText()).toContain('已回滚');
    expect(await exportGeoJSON(page, 'violations')).toEqual(atCheckpoint);
    // The rollback made its own checkpoint, so it can be undone in turn.
    await expect.poll(() => page.locator('[data-testid="checkpoint-row"][data-name="回滚前自动还原点"]').count()).toBe(1);

    await page.reload();
    await waitForReady(page);
    expect(await exportGeoJSON(page, 'violations')).toEqual(atCheckpoint);
  });
});
