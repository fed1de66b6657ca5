/**
 * Import through the dialog as a user does it: a Shapefile zip written by GDAL with GBK attributes
 * and a Gauss-Krüger .prj lands in the right place with its Chinese names intact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { ellipsoidalAreaSquareMeters } from '../../src/geo/ellipsoidal-area';
import { exportGeoJSON, fitMapTo, openApp, pagePointOf, REPO_ROOT, useE2eSession, waitForMapIdle, type BoundingBox } from './harness';

const session = useE2eSession();
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'shapefile');
const source = JSON.parse(readFileSync(path.join(FIXTURES, 'source.geojson'), 'utf8')) as FeatureCollection<Polygon>;

describe('import dialog', () => {
  test('a GBK Shapefile zip in CGCS2000 3° Gauss-Krüger arrives in place with intact Chinese attributes', async () => {
    const { page } = session();
    await openApp(page, '/');
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-kind').selectOption('violations');
    await page.getByTestId('import-file-input').setInputFiles(path.join(FIXTURES, 'gk120_gbk.zip'));
    const report = page.getByTestId('import-report');
    await expect.poll(() => page.getByTestId('import-imported').innerText(), { timeout: 30_000 }).toBe('3');
    const sources = await page.getByTestId('import-sources').innerText();
    expect(sources).toContain('CGCS2000_3_Degree_GK_CM_120E');
    expect(sources).toContain('GBK');
    expect(await report.innerText()).not.toContain('已拒绝');
    await page.getByTestId('import-close').click();

    const stored = (await exportGeoJSON(page, 'violations')).features as Feature<Polygon>[];
    for (const expected of source.features) {
      const record = stored.find((feature) => feature.properties?.['name'] === expected.properties?.['name']);
      expect(record, String(expected.properties?.['name'])).toBeDefined();
      expect(record!.properties?.['ownerName']).toBe(expected.properties?.['当事人']);
      const shift = turf.distance(turf.centroid(record!), turf.centroid(expected), { units: 'meters' });
      expect(shift).toBeLessThan(0.01);
      expect(Math.abs(ellipsoidalAreaSquareMeters(record!) - ellipsoidalAreaSquareMeters(expected)) / ellipsoidalAreaSquareMeters(expected)).toBeLessThan(1e-5);
    }

    // On the map: click the factory and read its owner's name in the panel.
    const factory = stored.find((feature) => feature.properties?.['name'] === '宜山镇 梁宅村 厂房')!;
    await fitMapTo(page, turf.bbox(factory) as BoundingBox, 200);
    await waitForMapIdle(page);
    const outer = turf.polygon([factory.geometry.coordinates[0]!]);
    const onRoof = turf.along(turf.lineString([turf.centroid(outer).geometry.coordinates, factory.geometry.coordinates[0]![0]!]), 0.6 * turf.distance(turf.centroid(outer), turf.point(factory.geometry.coordinates[0]![0]!)));
    const point = await pagePointOf(page, onRoof.geometry.coordinates as [number, number]);
    await page.mouse.click(point.x, point.y);
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor();
    await expect.poll(() => panel.innerText()).toContain('浙江龍港印刷有限公司');
  });

  test('projected metres without a .prj are refused until the user picks the coordinate system', async () => {
    const { page } = session();
    const metres = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '投影坐标测试' }, geometry: { type: 'Polygon', coordinates: [[[539623, 3043208], [539663, 3043208], [539663, 3043242], [539623, 3043208]]] } }] };
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles({ name: 'metres.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(metres)) });
    await expect.poll(() => page.getByTestId('import-report').innerText()).toContain('中央经线');
    expect(await page.getByTestId('import-imported').innerText()).toBe('0');
    await page.getByTestId('import-coordinate-system').selectOption('gk120');
    await page.getByTestId('import-retry').click();
    await expect.poll(() => page.getByTestId('import-imported').innerText()).toBe('1');
    const stored = (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.properties?.['name'] === '投影坐标测试')!;
    const [longitude, latitude] = turf.centroid(stored).geometry.coordinates as [number, number];
    expect(longitude).toBeGreaterThan(120.3);
    expect(longitude).toBeLessThan(120.5);
    expect(latitude).toBeGreaterThan(27.4);
    expect(latitude).toBeLessThan(27.6);
  });
});
