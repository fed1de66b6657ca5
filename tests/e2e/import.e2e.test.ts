/**
 * Import through the dialog as a user does it: the file is read and checked in the import worker
 * with a progress bar, the coordinate system is asked for when it is not certain, the fields are
 * mapped to the layer's attributes, the features are previewed on the map before anything is
 * stored, and cancel leaves storage untouched while confirm stores them in place.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ellipsoidalAreaSquareMeters } from '../../src/geo/ellipsoidal-area';
import { counts, exportGeoJSON, fitMapTo, openApp, pagePointOf, REPO_ROOT, screenshotTestId, useE2eSession, waitForMapIdle, type BoundingBox } from './harness';
import { decodePng } from './png';

const session = useE2eSession();
const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures', 'shapefile');
const source = JSON.parse(readFileSync(path.join(FIXTURES, 'source.geojson'), 'utf8')) as FeatureCollection<Polygon>;

/** Pixels of the map in the preview's orange (#ff6d00, dashed outlines; 认定 violations are #f57c00). */
async function previewPixels(page: Page): Promise<number> {
  await waitForMapIdle(page);
  const image = decodePng(await screenshotTestId(page, 'map-container'));
  let count = 0;
  for (let offset = 0; offset < image.data.length; offset += 4) {
    const [red, green, blue] = [image.data[offset]!, image.data[offset + 1]!, image.data[offset + 2]!];
    if (red >= 250 && green >= 100 && green <= 118 && blue <= 20) count += 1;
  }
  return count;
}

function metresFile(name: string) {
  const metres = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '投影坐标测试', 状态: '已拆' }, geometry: { type: 'Polygon', coordinates: [[[539623, 3043208], [539663, 3043208], [539663, 3043242], [539623, 3043208]]] } }] };
  return { name, mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(metres)) };
}

describe('import dialog', () => {
  test('a GBK Shapefile zip in CGCS2000 3° Gauss-Krüger: fields mapped, previewed on the map, stored in place with intact Chinese attributes', async () => {
    const { page } = session();
    await openApp(page, '/');
    await page.getByTestId('layer-toggle-violations').uncheck();
    await waitForMapIdle(page);
    const before = await previewPixels(page);
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-kind').selectOption('violations');
    await page.getByTestId('import-file-input').setInputFiles(path.join(FIXTURES, 'gk120_gbk.zip'));
    await page.getByTestId('import-confirm').waitFor({ timeout: 30_000 });
    const sources = await page.getByTestId('import-sources').innerText();
    expect(sources).toContain('CGCS2000_3_Degree_GK_CM_120E');
    expect(sources).toContain('GBK');
    // Guessed from the Chinese field names; the user sets every status to 认定 by a constant.
    expect(await page.getByTestId('field-mapping-code').inputValue()).toBe('field:图斑编号');
    expect(await page.getByTestId('field-mapping-ownerName').inputValue()).toBe('field:当事人');
    await page.getByTestId('field-mapping-status').selectOption('constant');
    await page.getByTestId('field-mapping-status-constant').selectOption('认定');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.getByTestId('import-check').click();
    await expect.poll(() => page.getByTestId('import-confirm').isDisabled(), { timeout: 30_000 }).toBe(false);
    expect(await page.getByTestId('import-accepted').innerText()).toBe('3');
    expect(await page.getByTestId('import-rejected').innerText()).toBe('0');
    expect(await counts(page).then((stored) => stored['violations'])).toBeGreaterThan(0);
    const storedBefore = (await counts(page))['violations'] ?? 0;

    // The preview is on the map (fitted to the three buildings), nothing is stored yet.
    await expect.poll(() => previewPixels(page), { timeout: 20_000 }).toBeGreaterThan(before + 50);
    expect((await counts(page))['violations']).toBe(storedBefore);
    const bounds = await page.evaluate(() => (window as unknown as { __onemap: { map: { getBounds(): { toArray(): number[][] } } } }).__onemap.map.getBounds().toArray());
    const [west, south, east, north] = turf.bbox(source);
    expect(bounds[0]![0]).toBeLessThan(west!);
    expect(bounds[1]![0]).toBeGreaterThan(east!);
    expect(bounds[0]![1]).toBeLessThan(south!);
    expect(bounds[1]![1]).toBeGreaterThan(north!);

    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-imported').innerText(), { timeout: 30_000 }).toBe('3');
    expect((await counts(page))['violations']).toBe(storedBefore + 3);
    await expect.poll(() => previewPixels(page)).toBeLessThanOrEqual(before + 5);
    await page.getByTestId('import-close').click();
    await page.getByTestId('layer-toggle-violations').check();

    const stored = (await exportGeoJSON(page, 'violations')).features as Feature<Polygon>[];
    for (const expected of source.features) {
      const record = stored.find((feature) => feature.properties?.['name'] === expected.properties?.['name']);
      expect(record, String(expected.properties?.['name'])).toBeDefined();
      expect(record!.properties?.['ownerName']).toBe(expected.properties?.['当事人']);
      expect(record!.properties?.['code']).toBe(expected.properties?.['图斑编号']);
      expect(record!.properties?.['status']).toBe('认定');
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

  test('projected metres without a .prj: the dialog asks for the coordinate system; cancel leaves nothing, confirm stores it in place', async () => {
    const { page } = session();
    await page.getByTestId('layer-toggle-violations').uncheck();
    await page.getByTestId('open-import').click();
    const storedBefore = (await counts(page))['violations'] ?? 0;
    await page.getByTestId('import-file-input').setInputFiles(metresFile('metres.geojson'));
    const question = page.getByTestId('import-coordinate-question');
    await expect.poll(() => question.innerText(), { timeout: 30_000 }).toContain('中央经线');
    expect(await page.getByTestId('import-retry').isDisabled()).toBe(true);
    await page.getByTestId('import-coordinate-system').selectOption('gk120');
    await page.getByTestId('import-retry').click();
    await page.getByTestId('import-confirm').waitFor({ timeout: 30_000 });
    // The mapping of the last violations import (status = constant 认定) is remembered; the user
    // maps 状态 instead, and its value 已拆 is guessed to mean 已拆除.
    const mapStatusField = async () => {
      expect(await page.getByTestId('field-mapping-status').inputValue()).toBe('constant');
      expect(await page.getByTestId('field-mapping-status-constant').inputValue()).toBe('认定');
      await page.getByTestId('field-mapping-status').selectOption('field:状态');
      expect(await page.locator('[data-testid="field-mapping-status-value"][data-source-value="已拆"]').inputValue()).toBe('已拆除');
      await page.getByTestId('import-check').click();
      await expect.poll(() => page.getByTestId('import-confirm').isDisabled(), { timeout: 30_000 }).toBe(false);
    };
    await mapStatusField();
    await expect.poll(() => previewPixels(page), { timeout: 20_000 }).toBeGreaterThan(50);

    await page.getByTestId('import-cancel').last().click();
    await expect.poll(() => page.getByTestId('import-message').innerText()).toContain('已取消');
    await expect.poll(() => previewPixels(page)).toBeLessThan(20);
    expect((await counts(page))['violations']).toBe(storedBefore);

    await page.getByTestId('import-file-input').setInputFiles(metresFile('metres-again.geojson'));
    await page.getByTestId('import-confirm').waitFor({ timeout: 30_000 });
    await mapStatusField();
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-imported').innerText(), { timeout: 30_000 }).toBe('1');
    const stored = (await exportGeoJSON(page, 'violations')).features.find((feature) => feature.properties?.['名称'] === '投影坐标测试')!;
    expect(stored.properties?.['status']).toBe('已拆除');
    const [longitude, latitude] = turf.centroid(stored).geometry.coordinates as [number, number];
    expect(longitude).toBeGreaterThan(120.3);
    expect(longitude).toBeLessThan(120.5);
    expect(latitude).toBeGreaterThan(27.4);
    expect(latitude).toBeLessThan(27.6);
  });

  test('a larger import shows its progress; cancel while it runs leaves storage untouched; bow-ties are split on request; confirm stores them all', async () => {
    const { page } = session();
    const featureCount = 6000;
    const buildings = Array.from({ length: featureCount }, (_, index) => {
      const [x, y] = [120.35 + (index % 100) * 0.0006, 27.45 + Math.floor(index / 100) * 0.0006];
      const ring = index % 1000 === 7
        ? [[x, y], [x + 0.0003, y + 0.0003], [x + 0.0003, y], [x, y + 0.0003], [x, y]] // a bow-tie
        : [[x, y], [x + 0.0003, y], [x + 0.0003, y + 0.0003], [x, y + 0.0003], [x, y]];
      return { type: 'Feature', id: `bulk-${index}`, properties: { 图斑编号: `BULK-${index}` }, geometry: { type: 'Polygon', coordinates: [ring] } };
    });
    const file = { name: 'bulk.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features: buildings })) };
    await page.getByTestId('import-close').click();
    await page.getByTestId('open-import').click();
    const storedBefore = (await counts(page))['violations'] ?? 0;

    await page.getByTestId('import-file-input').setInputFiles(file);
    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.getAttribute('data-stage'), { timeout: 30_000 }).toBe('validate');
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-message').innerText()).toContain('已取消');
    expect(await page.getByTestId('import-confirm').count()).toBe(0);
    expect((await counts(page))['violations']).toBe(storedBefore);

    // Again, to the end: record every stage the progress bar shows.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { importStages: string[] }).importStages = seen;
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-stage');
        if (stage && seen.at(-1) !== stage) seen.push(stage);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-stage'] });
    });
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-confirm').waitFor({ timeout: 60_000 });
    const bowTies = buildings.filter((_, index) => index % 1000 === 7).length;
    expect(await page.getByTestId('import-rejected').innerText()).toBe(String(bowTies));
    const rejectedRows = await page.locator('[data-testid="import-findings"] tr.rejected').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-index'))));
    expect(rejectedRows).toEqual(buildings.map((_, index) => index).filter((index) => index % 1000 === 7));
    // The report offers the safe repair: split each bow-tie, with the area before and after.
    await page.getByTestId('import-repair-bowties').click();
    await expect.poll(() => page.getByTestId('import-rejected').innerText(), { timeout: 60_000 }).toBe('0');
    expect(await page.getByTestId('import-accepted').innerText()).toBe(String(featureCount));
    expect(await page.locator('[data-testid="import-findings"] tr.repaired[data-index="7"][data-rule="bowTieSplit"]').innerText()).toContain('→');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('import-imported').innerText(), { timeout: 60_000 }).toBe(String(featureCount));
    expect((await counts(page))['violations']).toBe(storedBefore + featureCount);
    const stages = await page.evaluate(() => (window as unknown as { importStages: string[] }).importStages);
    expect(stages).toEqual(expect.arrayContaining(['read', 'validate', 'transfer']));
  });
});
