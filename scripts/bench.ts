/**
 * `npm run bench`: prints figures for the 100,000-violation county; never passes or fails on time.
 * Each measurement sits next to a naive baseline where one exists, so the ratio is visible.
 */
import 'fake-indexeddb/auto';
import * as turf from '@turf/turf';
import geodesic from 'geographiclib-geodesic';
import type { MultiPolygon, Polygon } from 'geojson';
import { ellipsoidalAreaSquareMeters } from '../src/geo/ellipsoidal-area';
import { measureOverlap, measureOverlapByClipping } from '../src/geo/clip-area';
import { prepareArea, touchesBoundary } from '../src/geo/prepared-area';
import { boundingBoxesIntersect, geometryBoundingBox } from '../src/geo/spatial-index';
import { computeZoneStatistics, updateZoneStatisticsForViolation } from '../src/geo/zone-statistics';
import { ZoneStatisticsEngine } from '../src/geo/zone-statistics-engine';
import { packViolations, viewPackedViolations } from '../src/workers/statistics-transfer';
import { generateCounty } from '../src/sample/sample-county';
import { openProjectDatabase } from '../src/storage/database';
import { readAll, saveEdit } from '../src/storage/repository';
import type { Violation } from '../src/domain/records';
import { createStatisticsClientOnEndpoint } from '../src/workers/statistics-client';
import { createStatisticsService } from '../src/state/statistics-service';
import { createProjectStore } from '../src/state/store';
import { createEmptyRecords, createInitialState } from '../src/state/project-state';
import { createDefaultLayerSettings } from '../src/state/layer-settings';
import type { Endpoint } from 'comlink';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchmarkRecordTransfer } from './bench-record-transfer';
import { TRANSFER_SLICE } from '../src/state/import-pipeline';
import { Worker as WorkerThread } from 'node:worker_threads';

const VIOLATIONS = Number(process.env.BENCH_VIOLATIONS ?? 100000);
const ZONES = Number(process.env.BENCH_ZONES ?? 500);
const NAIVE_SAMPLE = Number(process.env.BENCH_NAIVE_SAMPLE ?? 1000);
const EDIT_SAMPLE = 20;
const rows: [string, string, string][] = [];

/** Wall time, and CPU time of this process (which other processes on a busy machine do not inflate as much). */
function time<T>(run: () => T): { value: T; milliseconds: number; cpuMilliseconds: number } {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const value = run();
  const milliseconds = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return { value, milliseconds, cpuMilliseconds: (cpu.user + cpu.system) / 1000 };
}
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : ((sorted[Math.floor((sorted.length - 1) / 2)] as number) + (sorted[Math.ceil((sorted.length - 1) / 2)] as number)) / 2;
}
function medianMilliseconds(runs: number, run: () => unknown): number {
  return median(Array.from({ length: runs }, () => time(run).milliseconds));
}
async function timeAsync<T>(run: () => Promise<T>): Promise<{ value: T; milliseconds: number; cpuMilliseconds: number }> {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  const value = await run();
  const milliseconds = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  return { value, milliseconds, cpuMilliseconds: (cpu.user + cpu.system) / 1000 };
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

// Per-zone statistics: the first run (cold, as in a fresh worker) and the median of three more.
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const full = time(() => computeZoneStatistics(zones, violations));
const heapAfter = process.memoryUsage().heapUsed;
const fullWarm = medianMilliseconds(3, () => computeZoneStatistics(zones, violations));
row(`per-zone statistics, ${violations.length} × ${zones.length} (full)`, ms(full.milliseconds), `CPU ${ms(full.cpuMilliseconds)}; warm median ${ms(fullWarm)}, heap +${mb(Math.max(0, heapAfter - heapBefore))}`);
const partlyInside = new Set(full.value.flatMap((stats) => stats.partlyInsideViolationIds));
const straddlers = violations.filter((violation) => partlyInside.has(violation.id)).slice(0, EDIT_SAMPLE);
const demolish = (violation: Violation): Violation => ({ ...violation, properties: { ...violation.properties, status: '已拆除', statusDates: { ...violation.properties.statusDates, 已拆除: '2026-11-21' } } });
const straddler = straddlers[0] as Violation;
const changed = demolish(straddler);
const incrementalFirst = time(() => updateZoneStatisticsForViolation(zones, full.value, { before: straddler, after: changed }));
const incrementalTimes = straddlers.map((violation) => time(() => updateZoneStatisticsForViolation(zones, full.value, { before: violation, after: demolish(violation) })).milliseconds);
row('incremental update after one violation changes', ms(median(incrementalTimes)), `first ${ms(incrementalFirst.milliseconds)}, median of ${straddlers.length}; full recompute ${ms(full.milliseconds)}`);

// The area-only overlay against the turf.intersect path, on the pairs where a zone edge comes near a violation.
const crossingPairs = zones.flatMap((zone) => {
  const area = prepareArea(zone.geometry);
  return violations.filter((violation) => {
    const box = geometryBoundingBox(violation.geometry);
    return boundingBoxesIntersect(area.boundingBox, box) && touchesBoundary(area, violation.geometry, box);
  }).map((violation) => ({ area, violation }));
});
const overlayRun = time(() => crossingPairs.map(({ area, violation }) => measureOverlap(area, violation.geometry).insideAreaSquareMeters));
const turfRun = time(() => crossingPairs.map(({ area, violation }) => measureOverlapByClipping(area, violation.geometry).insideAreaSquareMeters));
const worstDifference = Math.max(0, ...overlayRun.value.map((inside, index) => Math.abs(inside - (turfRun.value[index] as number))));
row(`area overlay, ${crossingPairs.length} pairs touching a zone edge`, ms(overlayRun.milliseconds), `turf.intersect ${ms(turfRun.milliseconds)} (${(turfRun.milliseconds / overlayRun.milliseconds).toFixed(0)}×), worst difference ${worstDifference.toExponential(1)} m²`);

// The statistics worker: the real client and worker API over comlink, in a worker thread with its
// own heap and a cold JIT (as a browser worker has), then the engine's edit costs without messaging.
const workerThread = new WorkerThread(
  `const { parentPort, workerData } = require('node:worker_threads');
  const { expose } = require('comlink');
  const endpoint = { postMessage: (message, transfer) => parentPort.postMessage(message, transfer), addEventListener: (_, listener) => parentPort.on('message', (data) => listener({ data })), removeEventListener: () => {} };
  import('tsx/esm/api').then(({ register }) => register()).then(() => import(workerData.api)).then(({ createStatisticsWorkerApi }) => expose(createStatisticsWorkerApi(), endpoint));`,
  { eval: true, workerData: { api: pathToFileURL(path.resolve('src/workers/statistics-worker-api.ts')).href } },
);
const threadEndpoint: Endpoint = {
  postMessage: (message: unknown, transfer?: Transferable[]) => workerThread.postMessage(message, transfer as never),
  addEventListener: (_type: string, listener: EventListenerOrEventListenerObject) => workerThread.on('message', (data) => (typeof listener === 'function' ? listener({ data } as MessageEvent) : listener.handleEvent({ data } as MessageEvent))),
  removeEventListener: () => undefined,
};
const client = createStatisticsClientOnEndpoint(threadEndpoint, { close: () => void workerThread.terminate() });
// Wait until the worker has started (in a browser its modules come with the page): the first call
// is answered, with an error, once the API is exposed.
await client.statistics().catch(() => undefined);
let longestStall = 0;
let lastTick = performance.now();
const ticker = setInterval(() => {
  longestStall = Math.max(longestStall, performance.now() - lastTick);
  lastTick = performance.now();
}, 1);
const workerLoad = await timeAsync(() => client.load(zones, violations));
clearInterval(ticker);
row('statistics worker: first load() via comlink, fresh worker thread', ms(workerLoad.milliseconds), `target 500 ms; CPU (both threads) ${ms(workerLoad.cpuMilliseconds)}; pack in slices + transfer + unpack + indexes + all zones; main thread blocked ≤ ${ms(longestStall)}`);
const workerEdits: number[] = [];
for (const violation of straddlers) workerEdits.push((await timeAsync(() => client.applyViolationChange({ before: violation, after: demolish(violation) }))).milliseconds);
row('statistics worker: one violation edit, round trip', ms(median(workerEdits)), `first ${ms(workerEdits[0] ?? 0)}, median of ${workerEdits.length}`);

// The app's path: the project store and the statistics service over the same worker (a second,
// warm load), then one status edit dispatched to the store until the service publishes it (diff of
// the 100,000-record arrays + worker round trip + folding the update in).
const benchStore = createProjectStore(createInitialState());
const statisticsService = createStatisticsService(benchStore, { createClient: () => client });
const serviceLoad = await timeAsync(async () => {
  benchStore.dispatch({ type: 'loaded', records: { ...createEmptyRecords(), zones, violations }, layers: createDefaultLayerSettings() });
  return statisticsService.current();
});
row('statistics service: load through the store (warm worker)', ms(serviceLoad.milliseconds), 'what the views wait for after the project opens');
const serviceEdits: number[] = [];
for (const violation of straddlers) {
  serviceEdits.push((await timeAsync(async () => {
    benchStore.dispatch({ type: 'recordsChanged', kind: 'violations', put: [demolish(violation)], deleted: [] });
    return statisticsService.current();
  })).milliseconds);
}
row('statistics service: one edit → figures published', ms(median(serviceEdits)), `first ${ms(serviceEdits[0] ?? 0)}, median of ${serviceEdits.length}; target 16 ms`);
statisticsService.dispose();
client.dispose();

const packing = time(() => packViolations(violations));
row('statistics worker: pack violations for transfer (in one go)', ms(packing.milliseconds), `${mb(packing.value.packed.coordinates.byteLength)} of coordinates; the client packs in slices`);
const view = viewPackedViolations(packing.value.packed);
const engine = new ZoneStatisticsEngine(zones, view.violations, { boxes: view.boxes });
const statusEdits = straddlers.map((violation) => time(() => engine.applyViolationChange({ before: violation, after: demolish(violation) })).milliseconds);
row('statistics engine: one violation edit (status)', ms(median(statusEdits)), `first ${ms(statusEdits[0] ?? 0)}, median of ${statusEdits.length}`);
const shift = (geometry: Polygon | MultiPolygon, metres: number): Polygon => ({ type: 'Polygon', coordinates: (geometry as Polygon).coordinates.map((ring) => ring.map(([x, y]) => [(x as number) + metres / 98_800, y as number])) });
const moveEdits = straddlers.map((violation) => time(() => engine.applyViolationChange({ before: violation, after: { ...demolish(violation), geometry: shift(violation.geometry, 3) } })).milliseconds);
row('statistics engine: one violation edit (moved 3 m)', ms(median(moveEdits)), `median of ${moveEdits.length}`);
const zoneEdits = zones.slice(0, EDIT_SAMPLE).map((zone) => time(() => engine.applyZoneChange({ before: zone, after: { ...zone, geometry: shift(zone.geometry, 20) } })));
row('statistics engine: one zone edit (moved 20 m)', ms(median(zoneEdits.map((edit) => edit.milliseconds))), `median of ${zoneEdits.length}; ~${zoneEdits[0]?.value.changed[0]?.violationCount ?? 0} violations in a zone`);

// Naive baseline: turf.intersect on every (zone, violation) pair, on a subsample, extrapolated.
const sample = violations.slice(0, NAIVE_SAMPLE);
const naive = time(() => {
  let area = 0;
  for (const zone of zones) for (const violation of sample) {
    const clipped = turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([zone, violation]));
    if (clipped) area += ellipsoidalAreaSquareMeters(clipped);
  }
  return area;
});
const naiveExtrapolated = (naive.milliseconds * violations.length) / sample.length;
row(`naive turf.intersect every pair (${sample.length} × ${zones.length}, measured)`, ms(naive.milliseconds), `extrapolated to ${violations.length}: ${(naiveExtrapolated / 1000).toFixed(0)} s (${(naiveExtrapolated / full.milliseconds).toFixed(0)}× slower)`);

// Moving imported records from the import worker: packed vs structured-cloned slices.
await benchmarkRecordTransfer(violations, TRANSFER_SLICE, row);

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
