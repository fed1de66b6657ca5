/**
 * Exchange formats in the browser: a CAD drawing (DXF written by GDAL in CGCS2000 3° Gauss-Krüger
 * metres without the zone number, names as MTEXT), a KML, an .xlsx and a GBK CSV are read in the import worker; the
 * DXF lands in place once the user's coordinate system is given, and its Chinese names show in the
 * attribute panel when the building is clicked on the map.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import { describe, expect, test } from 'vitest';
import { gaussKrugerCentralMeridian } from '../../src/domain/coordinate-system';
import { counts, exportGeoJSON, fitMapTo, openApp, pagePointOf, REPO_ROOT, useE2eSession, waitForMapIdle, type BoundingBox, type OneMapWindow } from './harness';

const session = useE2eSession();

const FIXTURES = path.join(REPO_ROOT, 'tests', 'fixtures');
const source = JSON.parse(readFileSync(path.join(FIXTURES, 'kml', 'source.geojson'), 'utf8')) as FeatureCollection;

/** Imports fixture files through the automation handle (the same worker pipeline as the dialog). */
async function importFixtures(files: string[], kind: string, coordinateSystem?: unknown): Promise<{ imported: number; rejected: number; errors: string[] }> {
  const { page } = session();
  const payload = files.map((file) => ({ name: path.basename(file), bytes: [...readFileSync(path.join(FIXTURES, file))] }));
  return page.evaluate(async ({ payload, kind, coordinateSystem }) => {
    const handle = (window as unknown as OneMapWindow).__onemap as unknown as {
      importFiles(files: File[], options: { kind: string; coordinateSystem?: unknown }): Promise<{ imported: number; rejected: number; errors: string[] }>;
    };
    const picked = payload.map((file) => new File([new Uint8Array(file.bytes)], file.name));
    return handle.importFiles(picked, coordinateSystem ? { kind, coordinateSystem } : { kind });
  }, { payload, kind, coordinateSystem });
}

describe('exchange formats', () => {
  test('a Gauss-Krüger DXF lands in place with its MTEXT names once the coordinate system is chosen; KML, .xlsx and GBK CSV land as written', async () => {
    const { page } = session();
    await openApp(page, '/');
    const before = await counts(page);

    // No zone number in the eastings: the numbers cannot tell the central meridian, nothing is stored.
    const asked = await importFixtures(['dxf/gk120_escaped.dxf'], 'industrialBlocks');
    expect(asked.errors.join('')).toContain('请选择坐标系');
    expect((await counts(page))['industrialBlocks']).toBe(before['industrialBlocks']);

    const report = await importFixtures(['dxf/gk120_escaped.dxf'], 'industrialBlocks', gaussKrugerCentralMeridian(120));
    expect(report.errors).toEqual([]);
    expect(report.imported).toBe(5);
    const kml = await importFixtures(['kml/gdal.kml'], 'violations');
    expect(kml).toMatchObject({ imported: 4, rejected: 0, errors: [] });

    // A worksheet (exceljs) and a GBK CSV with 经度/纬度 columns, read in the worker as 四无 points.
    const tables = await importFixtures(['xlsx/lonlat.xlsx', 'csv/lonlat_gbk.csv'], 'fourNoUnits');
    expect(tables).toMatchObject({ imported: 8, rejected: 0, errors: [] });
    const points = JSON.parse(readFileSync(path.join(FIXTURES, 'csv', 'points.geojson'), 'utf8')) as FeatureCollection;
    const units = (await exportGeoJSON(page, 'fourNoUnits')).features;
    for (const expected of points.features) {
      const found = units.filter((feature) => feature.properties?.['name'] === expected.properties?.['name']);
      expect(found, String(expected.properties?.['name'])).toHaveLength(2);
      for (const unit of found) expect(turf.distance(unit as Feature<Point>, expected as Feature<Point>, { units: 'meters' })).toBeLessThan(0.01);
    }

    const blocks = (await exportGeoJSON(page, 'industrialBlocks')).features as Feature<Polygon>[];
    const violations = (await exportGeoJSON(page, 'violations')).features as Feature<Polygon>[];
    for (const expected of source.features) {
      const name = expected.properties?.['name'];
      const block = blocks.find((feature) => feature.properties?.['name'] === name);
      const violation = violations.find((feature) => feature.properties?.['name'] === name);
      expect(block, String(name)).toBeDefined();
      expect(violation, String(name)).toBeDefined();
      expect(violation!.properties?.['当事人']).toBe(expected.properties?.['当事人']);
      expect(violation!.properties?.['备注']).toBe(expected.properties?.['备注']);
      // The labelled part of each building is within 1 cm of where GDAL projected it from.
      const expectedFirstPart = expected.geometry.type === 'MultiPolygon' ? turf.polygon(expected.geometry.coordinates[0]!) : (expected as Feature<Polygon>);
      const blockShift = turf.distance(turf.centroid(turf.polygon([block!.geometry.coordinates[0]!])), turf.centroid(turf.polygon([expectedFirstPart.geometry.coordinates[0]!])), { units: 'meters' });
      expect(blockShift).toBeLessThan(0.01);
      const violationShift = turf.distance(turf.centroid(violation!), turf.centroid(expected), { units: 'meters' });
      expect(violationShift).toBeLessThan(0.01);
    }

    // On the map: click inside the L-shaped block (violations hidden) and read its name.
    await page.getByTestId('layer-toggle-violations').uncheck();
    const lShape = blocks.find((feature) => feature.properties?.['name'] === '钱库镇 L形附房')!;
    await fitMapTo(page, turf.bbox(lShape) as BoundingBox, 200);
    await waitForMapIdle(page);
    const inside = turf.pointOnFeature(lShape).geometry.coordinates as [number, number];
    const point = await pagePointOf(page, inside);
    expect(point.insideMap).toBe(true);
    await page.mouse.click(point.x, point.y);
    const panel = page.getByTestId('feature-panel');
    await panel.waitFor();
    await expect.poll(() => panel.innerText()).toContain('钱库镇 L形附房');
  });
});
