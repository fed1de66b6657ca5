/**
 * Secure by default: the built app carries a Content-Security-Policy, no page violates it, and
 * markup in data (imported names) is only ever shown as text — no script runs, no dialog opens.
 */
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { exportGeoJSON, fitMapTo, openApp, pagePointOf, useE2eSession, waitForMapIdle, type BoundingBox, type OneMapWindow } from './harness';

const session = useE2eSession();

const XSS_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  'javascript:alert(4)',
];

describe('security', () => {
  test('every route has a CSP and violates none of it', async () => {
    const { page } = session();
    await page.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    for (const route of ['/', '/ledger', '/wall', '/compare']) {
      await openApp(page, route);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain('unsafe-eval');
      expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations), route).toEqual([]);
    }
  });

  test('imported names with markup are shown as text in the attribute panel and the ledger, and run nothing', async () => {
    const { page } = session();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });
    await openApp(page, '/');
    const townships = (await exportGeoJSON(page, 'townships')).features as Feature<Polygon>[];
    const center = turf.centroid(townships[0]!).geometry.coordinates as [number, number];
    const features = XSS_NAMES.map((name, index) => turf.polygon([[
      [center[0] + index * 0.001, center[1]], [center[0] + index * 0.001 + 0.0004, center[1]],
      [center[0] + index * 0.001 + 0.0004, center[1] + 0.0004], [center[0] + index * 0.001, center[1]],
    ]], { name, 图斑编号: name, ownerName: name }, { id: `xss-${index}` }));
    const report = await page.evaluate(async (text) => {
      const file = new File([text], 'xss.geojson', { type: 'application/geo+json' });
      return (window as unknown as OneMapWindow).__onemap.importFiles([file], { kind: 'violations' });
    }, JSON.stringify(turf.featureCollection(features)));
    expect(report.imported).toBe(XSS_NAMES.length);

    await openApp(page, '/');
    const first = features[0]!;
    await fitMapTo(page, turf.bbox(first) as BoundingBox, 300);
    await waitForMapIdle(page);
    const target = await pagePointOf(page, turf.centroid(first).geometry.coordinates as [number, number]);
    await page.mouse.click(target.x, target.y);
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor();
    await expect.poll(() => panel.innerText()).toContain(XSS_NAMES[0]);
    expect(await panel.locator('img, script, svg').count()).toBe(0);

    await openApp(page, '/ledger');
    await page.getByTestId('ledger-tab-violations').click();
    await page.getByTestId('ledger-filter-query').fill('alert(');
    const table = page.getByTestId('ledger-table-violations');
    await expect.poll(() => table.locator('.data-body [data-row-id]').count()).toBe(XSS_NAMES.length);
    const text = await table.innerText();
    for (const name of XSS_NAMES) expect(text).toContain(name);
    expect(await table.locator('img, script, svg').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
