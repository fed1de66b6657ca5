/**
 * End-to-end tests of the ledger (#/ledger): statistics tables equal the computed figures, rows and
 * map are linked both ways, and the Excel / CSV exports carry exactly the figures on screen.
 */
import { readFile } from 'node:fs/promises';
import * as turf from '@turf/turf';
import ExcelJS from 'exceljs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { readShapefileZip } from '../../src/io/shapefile-reader';
import { eventually, exportGeoJSON, fitMapTo, openApp, pagePointOf, useE2eSession, waitForMapIdle, zoneStats, type BoundingBox, type OneMapWindow, type ZoneStats } from './harness';

const session = useE2eSession();

/** The visible text of each cell of a ledger table row (the row with `data-row-id`). */
async function rowTexts(page: Page, tableTestId: string, rowId: string): Promise<string[]> {
  return page.getByTestId(tableTestId).locator(`[data-row-id="${rowId}"] [role=cell]`).allInnerTexts();
}
async function headerTexts(page: Page, tableTestId: string): Promise<string[]> {
  return (await page.getByTestId(tableTestId).locator('[role=columnheader]').allInnerTexts()).map((text) => text.replace(/[▲▼\s]/g, ''));
}
const parseNumber = (text: string) => Number(text.replace(/[,%\s]/g, ''));

describe('ledger #/ledger', () => {
  test('the township table adds up: the total row equals the stored violations', async () => {
    const { page } = session();
    await openApp(page, '/ledger');
    const table = 'ledger-table-townships';
    await page.getByTestId(table).waitFor();
    const violations = (await exportGeoJSON(page, 'violations')).features;
    const headers = await headerTexts(page, table);
    const total = await rowTexts(page, table, 'total');
    const countColumn = headers.indexOf('违建图斑（宗）');
    const areaColumn = headers.indexOf('违建面积（万m²）');
    expect(parseNumber(total[countColumn]!)).toBe(violations.length);
    const areaWan = violations.reduce((sum, feature) => sum + Number(feature.properties?.['areaSquareMeters']), 0) / 10000;
    expect(parseNumber(total[areaColumn]!)).toBeCloseTo(Math.round(areaWan * 100) / 100, 2);
    const rowIds = await page.getByTestId(table).locator('.data-body [data-row-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-row-id')!));
    let sum = 0;
    for (const id of rowIds) sum += parseNumber((await rowTexts(page, table, id))[areaColumn]!);
    expect(sum).toBeCloseTo(parseNumber(total[areaColumn]!), 6);
  });

  test('zone rows show the per-zone statistics (clipped at zone edges)', async () => {
    const { page } = session();
    await page.getByTestId('ledger-tab-zones').click();
    const table = 'ledger-table-zones';
    const headers = await headerTexts(page, table);
    const demolishedColumn = headers.indexOf('已拆除面积（m²）');
    for (const stats of (await zoneStats(page)).slice(0, 5)) {
      const texts = await rowTexts(page, table, stats.zoneId);
      // Balanced rounding moves a row by at most one unit.
      expect(Math.abs(parseNumber(texts[demolishedColumn]!) - stats.demolishedAreaSquareMeters)).toBeLessThanOrEqual(1);
    }
  });

  test('selecting a violation row zooms the map to it, and clicking a zone on the map selects its row', async () => {
    const { page } = session();
    const violations = (await exportGeoJSON(page, 'violations')).features as Feature<Polygon | MultiPolygon>[];
    const target = violations.reduce((a, b) => (Number(b.properties?.['areaSquareMeters']) > Number(a.properties?.['areaSquareMeters']) ? b : a));
    await page.getByTestId('ledger-tab-violations').click();
    await page.getByTestId('ledger-filter-query').fill(String(target.properties?.['code']));
    const row = page.getByTestId('ledger-table-violations').locator(`[data-row-id="${target.id}"]`);
    await row.click();
    await waitForMapIdle(page);
    const view = await page.evaluate(() => {
      const map = (window as unknown as OneMapWindow).__onemap.map;
      return { center: map.getCenter().toArray() as [number, number], zoom: map.getZoom() };
    });
    expect(turf.booleanPointInPolygon(turf.point(view.center), turf.bboxPolygon(turf.bbox(target)))).toBe(true);
    expect(view.zoom).toBeGreaterThan(15);
    expect(await row.getAttribute('aria-selected')).toBe('true');

    await page.getByTestId('ledger-filter-query').fill('');
    await page.getByTestId('ledger-tab-zones').click();
    const zones = (await exportGeoJSON(page, 'zones')).features as Feature<Polygon>[];
    const zone = zones[0]!;
    await page.evaluate((bbox) => (window as unknown as OneMapWindow).__onemap.map.fitBounds(bbox, { animate: false, padding: 40 }), turf.bbox(zone) as [number, number, number, number]);
    await waitForMapIdle(page);
    // A point inside the zone but outside every violation, so the zone itself is picked.
    const inside = violations.filter((feature) => turf.booleanIntersects(feature, zone));
    const grid = turf.pointGrid(turf.bbox(zone), 0.01, { units: 'kilometers', mask: zone });
    const free = grid.features.find((point) => !inside.some((feature) => turf.booleanPointInPolygon(point, feature)))!;
    const point = await pagePointOf(page, free.geometry.coordinates as [number, number]);
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.getByTestId('ledger-table-zones').locator(`[data-row-id="${zone.id}"]`).getAttribute('aria-selected')).toBe('true');
  });

  test('the Excel export has one sheet per table with Chinese headers and the on-screen numbers', async () => {
    const { page } = session();
    await page.getByTestId('ledger-tab-townships').click();
    const table = 'ledger-table-townships';
    const headers = await headerTexts(page, table);
    const total = await rowTexts(page, table, 'total');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    const bytes = await readFile(await download.path());
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['乡镇统计', '动态排名', '改造区块统计', '违建台账', '拆后土地利用']);
    const sheet = workbook.getWorksheet('乡镇统计')!;
    const sheetHeaders = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(sheetHeaders).toEqual(headers);
    const lastRow = sheet.getRow(sheet.rowCount);
    const areaColumn = headers.indexOf('违建面积（万m²）');
    expect(lastRow.getCell(1).value).toBe('合计');
    expect(lastRow.getCell(areaColumn + 1).value).toBe(parseNumber(total[areaColumn]!));
    const violationSheet = workbook.getWorksheet('违建台账')!;
    expect(violationSheet.rowCount).toBe((await exportGeoJSON(page, 'violations')).features.length + 2);
  });

  test('the CSV export is UTF-8 with a BOM and Chinese headers', async () => {
    const { page } = session();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const bytes = await readFile(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).startsWith('乡镇,')).toBe(true);
  });

  test('the Shapefile export (GBK) reads back with the on-screen names and figures', async () => {
    const { page } = session();
    await page.getByTestId('ledger-tab-zones').click();
    const table = 'ledger-table-zones';
    const firstId = await page.getByTestId(table).locator('.data-body [data-row-id]').first().getAttribute('data-row-id');
    const texts = await rowTexts(page, table, firstId!);
    await page.getByTestId('export-shapefile-encoding').selectOption('gbk');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-shapefile').click()]);
    const bytes = await readFile(await download.path());
    const result = readShapefileZip(new Uint8Array(bytes), download.suggestedFilename());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const layer = result.layers[0]!;
    expect(layer.encoding).toEqual({ encoding: 'gb18030', source: 'cpg' });
    expect(layer.coordinateSystem).toMatchObject({ kind: 'geographic' });
    const feature = layer.features.find((entry) => entry.properties?.['编号'] === firstId)!;
    expect(feature.properties?.['改造区块']).toBe(texts[0]);
    expect(feature.properties?.['已拆除面积']).toBe(parseNumber(texts[(await headerTexts(page, table)).indexOf('已拆除面积（m²）')]!));
    expect(layer.features.length).toBe((await exportGeoJSON(page, 'zones')).features.length);
  });

  test('a status edit updates the zone\'s figures in the zone panel and zoneStats() without a reload; 城中村 and 四无 figures match the records', async () => {
    const { page } = session();
    type Area = Feature<Polygon | MultiPolygon>;
    const [zones, violations, blocks, units] = await Promise.all(['zones', 'violations', 'villageBlocks', 'fourNoUnits'].map(async (kind) => (await exportGeoJSON(page, kind)).features));
    // A zone wholly containing a violation not yet disposed (发现 / 认定 / 处置中); the one with most 四无 units.
    const candidates = (zones as Feature<Polygon>[]).map((zone) => {
      const box = turf.bboxPolygon(turf.bbox(zone));
      const violation = (violations as Area[]).find((feature) => ['发现', '认定', '处置中'].includes(String(feature.properties?.['status'])) && turf.booleanWithin(turf.bboxPolygon(turf.bbox(feature)), box) && turf.booleanWithin(feature, zone));
      const inside = (units as Feature<import('geojson').Point>[]).filter((unit) => turf.booleanPointInPolygon(unit, zone));
      return { zone, violation, inside };
    }).filter((entry) => entry.violation !== undefined).sort((a, b) => b.inside.length - a.inside.length);
    const { zone, violation, inside } = candidates[0]!;
    const target = violation!;
    const status = String(target.properties?.['status']);
    const figuresOf = async (): Promise<ZoneStats & { countByStatus: Record<string, number> }> =>
      (await zoneStats(page)).find((entry) => entry.zoneId === zone.id) as ZoneStats & { countByStatus: Record<string, number> };
    const before = await figuresOf();

    // The ledger's zone row before the edit.
    await page.getByTestId('ledger-tab-zones').click();
    const table = 'ledger-table-zones';
    const headers = await headerTexts(page, table);
    const countOf = async (status: string) => parseNumber((await rowTexts(page, table, String(zone.id)))[headers.indexOf(`${status}宗数`)]!);
    expect(await countOf(status)).toBe(before.countByStatus[status]);

    // Select the violation in the ledger, advance it in the planning map's panel.
    await page.getByTestId('ledger-tab-violations').click();
    await page.getByTestId('ledger-filter-query').fill(String(target.properties?.['code']));
    await page.getByTestId('ledger-table-violations').locator(`[data-row-id="${target.id}"]`).click();
    await page.getByTestId('nav-map').click();
    const panel = page.getByTestId('feature-panel');
    await expect.poll(() => panel.innerText()).toContain(String(target.properties?.['code']));
    const next = await page.getByTestId('violation-status-next').inputValue();
    expect(next).not.toBe(status);
    await page.getByTestId('violation-status-apply').click();
    await eventually(async () => expect(await page.getByTestId('save-status').innerText()).toContain('已保存'), 15_000);

    // zoneStats() (the worker's figures, once they include the edit) moved one violation to the next status.
    const after = await figuresOf();
    expect(after.countByStatus[status]).toBe(before.countByStatus[status]! - 1);
    expect(after.countByStatus[next]).toBe(before.countByStatus[next]! + 1);
    expect(after.violationCount).toBe(before.violationCount);

    // The zone's panel on the same page (no reload): hide the violations (a lighter map), click the zone.
    await page.getByTestId('feature-panel-close').click();
    const toggle = page.getByTestId('layer-toggle-violations');
    if (await toggle.isChecked()) await toggle.click();
    await fitMapTo(page, turf.bbox(zone) as BoundingBox, 250);
    // A point inside the zone, in no other zone, as far as possible from 四无 points (drawn over zones).
    const grid = turf.pointGrid(turf.bbox(zone), 0.02, { units: 'kilometers', mask: zone });
    const otherZones = (zones as Feature<Polygon>[]).filter((other) => other.id !== zone.id);
    const clearance = (point: Feature<import('geojson').Point>) => Math.min(Infinity, ...(units as Feature<import('geojson').Point>[]).map((unit) => turf.distance(point, unit)));
    const free = grid.features.filter((point) => !otherZones.some((other) => turf.booleanPointInPolygon(point, other)))
      .reduce((best, point) => (clearance(point) > clearance(best) ? point : best));
    const point = await pagePointOf(page, free.geometry.coordinates as [number, number]);
    expect(point.insideMap, `the zone is covered by ${point.topElement}`).toBe(true);
    await page.mouse.click(point.x, point.y);
    await page.getByTestId('zone-details').waitFor();
    const statusRow = page.getByTestId('zone-violations-by-status').locator(`[data-key="${next}"]`);
    expect(Number(await statusRow.getAttribute('data-count'))).toBe(after.countByStatus[next]);
    const fourNo = page.getByTestId('zone-four-no-figures');
    expect(Number(await fourNo.getAttribute('data-found'))).toBe(inside.length);
    expect(Number(await fourNo.getAttribute('data-rectified'))).toBe(inside.filter((unit) => unit.properties?.['rectifiedOn']).length);
    // A 城中村 block counts in the zone holding at least half of it (and more than any other zone).
    const shareIn = (block: Area, other: Feature<Polygon>) => {
      const part = turf.intersect(turf.featureCollection([other, block]));
      return part ? turf.area(part) / turf.area(block) : 0;
    };
    const attributed = (blocks as Area[]).filter((block) => {
      const share = shareIn(block, zone);
      return share >= 0.5 && (zones as Feature<Polygon>[]).every((other) => other.id === zone.id || shareIn(block, other) <= share);
    });
    const village = page.getByTestId('zone-village-figures');
    const sum = (key: string) => attributed.reduce((total, block) => total + Number(block.properties?.[key]), 0);
    expect(Number(await village.getAttribute('data-blocks'))).toBe(attributed.length);
    expect(Number(await village.getAttribute('data-households'))).toBe(sum('households'));
    expect(Number(await village.getAttribute('data-signed'))).toBe(sum('signedHouseholds'));
    expect(Number(await village.getAttribute('data-vacated'))).toBe(sum('vacatedHouseholds'));
    expect(Number(await village.getAttribute('data-demolished'))).toBe(sum('demolishedHouseholds'));
  });
});
