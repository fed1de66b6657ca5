/**
 * `npm run bench`: prints figures for the 100,000-violation county; never passes or fails on time.
 * Each measurement sits next to a naive baseline where one exists, so the ratio is visible.
 */
import 'fake-indexeddb/auto';
import * as turf from '@turf/turf';
import geodesic from 'geographiclib-geodesic';
import type { Polygon } from 'geojson';
import { ellipsoidalAreaSquareMeters } from '../src/geo/ellipsoidal-area';
import { computeZoneStatistics, updateZoneStatisticsForViolation } from '../src/geo/zone-statistics';
import { generateCounty } from '../src/sample/sample-county';
import { openProjectDatabase } from '../src/storage/database';
import { readAll, saveEdit } from '../src/storage/repository';
import type { Violation } from '../src/domain/records';

const VIOLATIONS = Number(process.env.BENCH_VIOLATIONS ?? 100000);
const ZONES = Number(process.env.BENCH_ZONES ?? 500);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 1000);
const rows: [string, string, string][] = [];

function time<T>(run: () => T): { value: T; milliseconds: number } {
  const started = performance.now();
  const value = run();
  return { value, milliseconds: performance.now() - started };
}
async function timeAsync<T>(run: () => Promise<T>): Promise<{ value: T; milliseconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, milliseconds: performance.now() - started };
}
const ms = (milliseconds: number) => `${milliseconds.toFixed(milliseconds < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
function row(measure: string, value: string, baseline = ''): void {
  rows.push([measure, value, baseline]);
  console.log(`${measure.padEnd(58)} ${value.padEnd(16)} ${baseline}`);
}

console.log(`Benchmark county: ${VIOLATIONS} violations × ${ZONES} zones (Node ${process.version})\n`);
const generated = time(() => generateCounty({ seed: 330327, violationCount: VIOLATIONS, zoneCount: ZONES }));
const { violations, zones } = generated.value.records;
row('generate sample county', ms(generated.milliseconds));

// Area: ellipsoidal vs Turf's spherical area, and GeographicLib for accuracy.
const ellipsoidal = time(() => violations.reduce((sum, violation) => sum + ellipsoidalAreaSquareMeters(violation), 0));
const spherical = time(() => violations.reduce((sum, violation) => sum + turf.area(violation), 0));
row(`ellipsoidal area, ${violations.length} polygons`, ms(ellipsoidal.milliseconds), `turf.area ${ms(spherical.milliseconds)}`);
const { Geodesic, PolygonArea } = geodesic as unknown as {
  Geodesic: { Geodesic: new (a: number, f: number) => unknown };
  PolygonArea: { PolygonArea: new (earth: unknown, polyline: boolean) => { AddPoint(lat: number, lon: number): void; Compute(reverse: boolean, sign: boolean): { area: number } } };
};
const grs80 = new Geodesic.Geodesic(6378137, 1 / 298.257222101);
const reference = time(() => {
  let worst = 0;
  for (const violation of violations.slice(0, 10000)) {
    let area = 0;
    (violation.geometry as Polygon).coordinates.forEach((ring, index) => {
      const polygon = new PolygonArea.PolygonArea(grs80, false);
      for (const [lon, lat] of ring.slice(0, -1)) polygon.AddPoint(lat as number, lon as number);
      const ringArea = Math.abs(polygon.Compute(false, true).area);
      area += index === 0 ? ringArea : -ringArea;
    });
    worst = Math.max(worst, Math.abs(ellipsoidalAreaSquareMeters(violation) - area) / area);
  }
  return worst;
});
row('worst relative error vs GeographicLib (10,000 polygons)', reference.value.toExponential(1), `GeographicLib ${ms(reference.milliseconds)} per 10k`);
row('county total: turf.area excess over ellipsoidal', `${(((spherical.value - ellipsoidal.value) / ellipsoidal.value) * 100).toFixed(3)} %`, `${((spherical.value - ellipsoidal.value) / (10000 / 15)).toFixed(0)} 亩`);

// Per-zone statistics.
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const full = time(() => computeZoneStatistics(zones, violations));
const heapAfter = process.memoryUsage().heapUsed;
row(`per-zone statistics, ${violations.length} × ${zones.length} (full)`, ms(full.milliseconds), `heap +${mb(Math.max(0, heapAfter - heapBefore))}`);
const straddler = violations.find((violation) => full.value.filter((stats) => stats.partlyInsideViolationIds.includes(violation.id)).length > 0) as Violation;
const changed: Violation = { ...straddler, properties: { ...straddler.properties, status: '已拆除', statusDates: { ...straddler.properties.statusDates, 已拆除: '2026-11-21' } } };
const incremental = time(() => updateZoneStatisticsForViolation(zones, full.value, { before: straddler, after: changed }));
row('incremental update after one violation changes', ms(incremental.milliseconds), `full recompute ${ms(full.milliseconds)}`);

// Naive baseline: turf.intersect on every (zone, violation) pair, on a subsample, extrapolated.
const sample = violations.slice(0, NAIVE_SAMPLE);
const naive = time(() => {
  let area = 0;
  for (const zone of zones) for (const violation of sample) {
    const clipped = turf.intersect(turf.featureCollection([zone, violation]));
    if (clipped) area += ellipsoidalAreaSquareMeters(clipped);
  }
  return area;
});
const naiveExtrapolated = (naive.milliseconds * violations.length) / sample.length;
row(`naive turf.intersect every pair (${sample.length} × ${zones.length}, measured)`, ms(naive.milliseconds), `extrapolated to ${violations.length}: ${(naiveExtrapolated / 1000).toFixed(0)} s (${(naiveExtrapolated / full.milliseconds).toFixed(0)}× slower)`);

// Storage (fake-indexeddb in Node; a real browser is faster).
const database = await openProjectDatabase({ name: 'bench' });
const write = await timeAsync(() => saveEdit(database, { changes: [{ kind: 'violations', put: violations }] }));
row(`IndexedDB (fake-indexeddb) save ${violations.length} violations, one transaction`, ms(write.milliseconds));
const read = await timeAsync(() => readAll(database, 'violations'));
row(`IndexedDB (fake-indexeddb) load ${read.value.length} violations`, ms(read.milliseconds));
const oneEdit = await timeAsync(() => saveEdit(database, { changes: [{ kind: 'violations', put: [changed] }] }));
row('IndexedDB (fake-indexeddb) one edit', ms(oneEdit.milliseconds));
database.close();
row('Node heap used at end', mb(process.memoryUsage().heapUsed));
