/**
 * The planning map recovers from a lost WebGL context: after `WEBGL_lose_context` loses and
 * restores it, the base map and the deck.gl campaign layers draw the same picture again, with no
 * console errors.
 */
import * as turf from '@turf/turf';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { eventually, exportGeoJSON, fitMapTo, openApp, screenshotTestId, useE2eSession, waitForMapIdle, type BoundingBox, type OneMapWindow } from './harness';
import { countDifferentPixels, decodePng, type RgbaImage } from './png';

const session = useE2eSession();

async function mapShot(page: Page): Promise<RgbaImage> {
  await waitForMapIdle(page);
  return decodePng(await screenshotTestId(page, 'map-container'));
}

describe('WebGL context loss on the planning map', () => {
  test('the map and the campaign layers draw again after the context is restored', async () => {
    const { page } = session();
    await openApp(page, '/');
    const zone = (await exportGeoJSON(page, 'zones')).features[0]!;
    await fitMapTo(page, turf.bbox(zone) as BoundingBox, 40);
    const before = await mapShot(page);
    // Hiding the violations changes the picture: the campaign layers are part of what is compared.
    await page.evaluate(() => {
      const canvas = (window as unknown as OneMapWindow).__onemap.map.getCanvas();
      const extension = (canvas.getContext('webgl2') as WebGL2RenderingContext).getExtension('WEBGL_lose_context');
      if (!extension) throw new Error('no WEBGL_lose_context');
      (window as unknown as { __loseContext: WEBGL_lose_context }).__loseContext = extension;
      extension.loseContext();
    });
    await page.waitForTimeout(500);
    await page.evaluate(() => (window as unknown as { __loseContext: WEBGL_lose_context }).__loseContext.restoreContext());
    await eventually(async () => {
      const after = await mapShot(page);
      const changed = countDifferentPixels(before, after, 24);
      expect(changed).toBeLessThan(before.width * before.height * 0.02);
    }, 30_000, 1000);
    // Still interactive: layers toggle and the picture changes.
    await page.getByTestId('layer-toggle-violations').click();
    const hidden = await mapShot(page);
    expect(countDifferentPixels(before, hidden, 24)).toBeGreaterThan(1000);
    await page.getByTestId('layer-toggle-violations').click();
  });
});
