/**
 * The one-file project backup: made in one browser after an edit, restored into a fresh browser
 * profile (empty IndexedDB), it gives back exactly the same project.
 */
import { writeFile, readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ErrorCollector, counts, exportGeoJSON, launchBrowser, openApp, useE2eSession, waitForReady, type OneMapWindow } from './harness';

const session = useE2eSession();

describe('project backup', () => {
  test('a backup restored into a fresh profile equals the original', async () => {
    const { page, baseUrl } = session();
    await openApp(page, '/');
    // Make the project differ from the sample: move one violation on in its lifecycle.
    const edited = await page.evaluate(async () => {
      const handle = (window as unknown as OneMapWindow).__onemap;
      const violations = (await handle.exportGeoJSON('violations')).features;
      return violations.find((feature) => feature.properties?.['status'] === '处置中')!.id as string;
    });
    const file = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', id: 'backup-marker', properties: { name: '备份标记' }, geometry: { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.4003, 27.5], [120.4003, 27.5003], [120.4, 27.5]]] } }] });
    // Through the handle: the same import pipeline as the dialog, without its field-mapping review.
    const report = await page.evaluate(async (text) => {
      const handle = (window as unknown as OneMapWindow).__onemap;
      return handle.importFiles([new File([text], 'marker.geojson', { type: 'application/geo+json' })], { kind: 'violations' });
    }, file);
    expect(report.imported).toBe(1);
    await page.getByTestId('open-import').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-export').click()]);
    const backupPath = path.join(await mkdtemp(path.join(tmpdir(), 'onemap-backup-')), download.suggestedFilename());
    await writeFile(backupPath, await readFile(await download.path()));
    const originalCounts = await counts(page);
    const originalViolations = await exportGeoJSON(page, 'violations');
    const originalZones = await exportGeoJSON(page, 'zones');
    expect(originalViolations.features.some((feature) => feature.id === 'backup-marker')).toBe(true);
    expect(edited).toBeTruthy();

    const fresh = await launchBrowser();
    const errors = new ErrorCollector();
    errors.attachToContext(fresh.context);
    try {
      const other = fresh.context.pages()[0] ?? (await fresh.context.newPage());
      await other.goto(`${baseUrl}/?e2e=1#/`);
      await waitForReady(other);
      expect((await counts(other))['violations']).toBe(originalCounts['violations']! - 1);
      await other.getByTestId('open-import').click();
      await other.getByTestId('backup-restore-input').setInputFiles(backupPath);
      await other.getByTestId('backup-restore-confirm').click();
      await expect.poll(() => other.getByTestId('backup-status').innerText()).toContain('已从备份恢复');
      expect(await counts(other)).toEqual(originalCounts);
      // The project it replaced was kept in an automatic checkpoint.
      await expect.poll(() => other.locator('[data-testid="checkpoint-row"][data-name="恢复备份前自动还原点"]').count()).toBe(1);
      expect(await exportGeoJSON(other, 'violations')).toEqual(originalViolations);
      expect(await exportGeoJSON(other, 'zones')).toEqual(originalZones);
      // A reload reads the restored project from storage.
      await other.reload();
      await waitForReady(other);
      expect(await counts(other)).toEqual(originalCounts);
      expect(errors.take()).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
