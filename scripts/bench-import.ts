/**
 * The import section of the browser benchmark: the 100,000 violations of the bench county as one
 * GeoJSON file (new ids, Chinese field names), imported through the dialog as a user does it —
 * file input, the worker reads and checks it with progress, preview on the map, confirm, one
 * transaction — in a fresh profile with the 5,000-violation sample county. Prints the time of each
 * step, the longest main-thread task in each — every task of the main thread from a light Chrome
 * trace, garbage collection included (PerformanceObserver's 'longtask' misses the MinorGC tasks) —
 * and the JS heap.
 * Runs inside `scripts/bench-browser.ts`, or alone: `npx vite build && npx tsx scripts/bench-import.ts`
 * (ONEMAP_BENCH_SHOTS=dir: screenshots; ONEMAP_BENCH_TRACE=1: what each task > 100 ms is made of, from a Chrome trace — =50: each task > 50 ms; ONEMAP_BENCH_PROFILE=1:
 * from a CPU profile, which a loaded machine smears).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { TRANSFER_SLICE } from '../src/state/import-pipeline';
import { launchBrowser, REPO_ROOT, startStaticServer, waitForReady, type OneMapWindow } from '../tests/e2e/harness';
import { mainThreadTasks, printGarbageCollections, printLongTasks, startTrace, TASK_CATEGORIES } from './trace-long-tasks';

type Row = (measure: string, value: string) => void;

interface LongTask { start: number; duration: number }

const ms = (value: number) => `${value.toFixed(0)} ms`;

async function writeImportFile(directory: string): Promise<{ file: string; features: number; megabytes: number }> {
  const county = JSON.parse(await readFile(path.join(REPO_ROOT, 'data', 'bench', 'sample-county.json'), 'utf8')) as { violations: { geometry: unknown; properties: Record<string, unknown> }[] };
  const features = county.violations.map((violation, index) => ({
    type: 'Feature',
    id: `bench-import-${index}`,
    properties: {
      图斑编号: `IMP-${violation.properties['code'] as string}`, 状态: violation.properties['status'], 当事人: violation.properties['ownerName'],
      建筑类型: violation.properties['buildingType'], 面积: violation.properties['areaSquareMeters'],
    },
    geometry: violation.geometry,
  }));
  const text = JSON.stringify({ type: 'FeatureCollection', features });
  const file = path.join(directory, 'bench-import.geojson');
  await writeFile(file, text);
  return { file, features: features.length, megabytes: text.length / 1024 / 1024 };
}

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** The function the page runs right after the profiler starts, to align profile time with page time. */
const CALIBRATION_FUNCTION = 'onemapProfileCalibration';

/** Runs {@link CALIBRATION_FUNCTION} for 20 ms on the page; returns the page time it started. */
async function calibrateProfile(page: Page): Promise<number> {
  return page.evaluate(() => {
    const started = performance.now();
    const onemapProfileCalibration = () => {
      let spins = 0;
      while (performance.now() - started < 20) spins += 1;
      return spins;
    };
    onemapProfileCalibration();
    return started;
  });
}

/**
 * The heaviest functions inside each long task — inclusive, then self time — from a CPU profile.
 * Page time = profile time + the offset found from the first sample inside the calibration
 * function (which started at page time `calibrationStart`); the key is `function:file:line`.
 */
export function printTaskProfiles(profile: CpuProfile, calibrationStart: number, tasks: readonly LongTask[]): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let time = 0;
  const times = profile.timeDeltas.map((delta) => (time += delta / 1000));
  const stackHas = (sample: number, name: string) => {
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) if (byId.get(id)?.callFrame.functionName === name) return true;
    return false;
  };
  const first = profile.samples.findIndex((sample) => stackHas(sample, CALIBRATION_FUNCTION));
  const offset = calibrationStart - (first >= 0 ? (times[first] ?? 0) : 0);
  const keyOf = (frame: CpuProfile['nodes'][number]['callFrame']) => `${frame.functionName || '(anonymous)'}:${path.basename(frame.url).replace(/-[\w-]{8}\.js$/, '') || '-'}:${frame.lineNumber + 1}`;
  const top = (values: Map<string, number>, count: number) => [...values].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, value]) => `${key} ${value.toFixed(0)}`).join(' | ');
  for (const task of tasks) {
    const total = new Map<string, number>();
    const self = new Map<string, number>();
    profile.samples.forEach((sample, index) => {
      // A sample stands for the interval before it.
      const at = offset + (times[index] ?? 0);
      if (at < task.start || at > task.start + task.duration) return;
      const weight = (profile.timeDeltas[index] ?? 0) / 1000;
      const leaf = byId.get(sample)?.callFrame;
      if (leaf) self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + weight);
      const seen = new Set<string>();
      for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
        const frame = byId.get(id)?.callFrame;
        if (!frame || frame.functionName === '(root)') continue;
        const key = keyOf(frame);
        if (seen.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + weight);
      }
    });
    console.log(`task ${task.duration.toFixed(0)} ms @${task.start.toFixed(0)}\n  inclusive: ${top(total, task.duration > 250 ? 40 : 24)}\n  self: ${top(self, 16)}`);
  }
}

/** Longest task that started within [from, to) (page clock, ms), leaving out `except`. */
const longestBetween = (tasks: readonly LongTask[], from: number, to: number, except: LongTask | null = null) =>
  tasks.filter((task) => task !== except && task.start >= from && task.start < to).reduce((longest, task) => Math.max(longest, task.duration), 0);

/** The task running at `time`, or null. */
const taskAt = (tasks: readonly LongTask[], time: number) => tasks.find((task) => task.start <= time && task.start + task.duration >= time) ?? null;

export async function benchmarkImport(row: Row, distDirectory: string): Promise<void> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'onemap-bench-import-'));
  const server = await startStaticServer(distDirectory);
  const browser = await launchBrowser();
  try {
    const { file, features, megabytes } = await writeImportFile(scratch);
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    await page.goto(`${server.url}/?e2e=1#/`);
    await waitForReady(page);
    console.log(`\nImport benchmark: ${features} violations as GeoJSON (${megabytes.toFixed(0)} MB) through the import dialog, sample county stored\n`);
    await page.getByTestId('open-import').click();
    // A person takes a moment to choose the file; meanwhile the map compiles what the preview will
    // draw (import-preview-layer.ts), so that is not counted as import work.
    await page.waitForTimeout(1000);
    await page.evaluate(() => new Promise((resolve) => {
      const map = (window as unknown as OneMapWindow).__onemap.map;
      map.once('idle', () => resolve(null));
      map.triggerRepaint();
    }));
    // ONEMAP_BENCH_PROFILE=1: a CPU profile of the import, the heaviest functions of each long task printed.
    const profiler = process.env['ONEMAP_BENCH_PROFILE'] ? await browser.context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const calibrationStart = profiler ? await calibrateProfile(page) : 0;
    // Every main-thread task from a trace; ONEMAP_BENCH_TRACE=1: a detailed one, the events inside each long task printed.
    const detailed = Boolean(process.env['ONEMAP_BENCH_TRACE']);
    const stopTrace = await startTrace(await browser.context.newCDPSession(page), detailed ? undefined : TASK_CATEGORIES);
    const started = await page.evaluate(() => performance.now());
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-confirm').waitFor({ timeout: 15 * 60_000 });
    const reviewed = await page.evaluate(() => performance.now());
    const accepted = await page.getByTestId('import-accepted').innerText();
    // ONEMAP_BENCH_SHOTS=dir: screenshots of the review, of the write under way and of the result (they slow the import).
    const shots = process.env['ONEMAP_BENCH_SHOTS'];
    if (shots) {
      // The preview once MapLibre has drawn it.
      await page.waitForTimeout(500);
      await page.evaluate(() => new Promise((resolve) => (window as unknown as OneMapWindow).__onemap.map.once('idle', () => resolve(null))));
      await page.screenshot({ path: path.join(shots, 'import-review.png') });
    }
    await page.getByTestId('import-confirm').click();
    if (shots) {
      await page.locator('[data-testid="import-progress"][data-stage="store"]:not([data-percent="0"])').waitFor({ timeout: 15 * 60_000 });
      await page.screenshot({ path: path.join(shots, 'import-writing.png') });
    }
    await page.getByTestId('import-imported').waitFor({ timeout: 15 * 60_000 });
    const stored = await page.evaluate(() => performance.now());
    if (shots) await page.screenshot({ path: path.join(shots, 'import-stored.png') });
    const profile = profiler ? ((await profiler.send('Profiler.stop')).profile as CpuProfile) : null;
    // The map redraws with the imported records after they are stored.
    await page.waitForTimeout(2000);
    const trace = await stopTrace();
    const imported = await page.getByTestId('import-imported').innerText();
    const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('import:')).map((mark) => [mark.name.slice(7), mark.startTime])));
    const at = (step: string) => marks[step] ?? Number.NaN;
    const tasks = mainThreadTasks(trace, 'import:read', at('read'));
    row(`import ${features} features: read (worker: parse, coordinate system, encoding)`, ms(at('check') - at('read')));
    row('import: validate + repair + normalise + preview (worker)', ms(at('checked') - at('check')));
    row(`import: move the records to the main thread in slices of ${TRANSFER_SLICE}`, ms(at('store') - at('transfer')));
    row(`import: store in one transaction (${imported} stored of ${accepted} accepted)`, ms(at('stored') - at('store')));
    row('import: total, file picked → stored (incl. the click to confirm)', ms(stored - started));
    row('import: longest main-thread task while reading + checking', ms(longestBetween(tasks, at('read'), at('checked'))));
    row('import: longest main-thread task while the preview and report appear', ms(longestBetween(tasks, at('checked'), at('transfer'))));
    // The final write is one task: the store update, the views and map layers reacting to it,
    // and the IndexedDB puts (each clones its record) — it starts before the 'store' mark.
    const finalWrite = taskAt(tasks, at('store'));
    row('import: longest main-thread task while moving the records', ms(longestBetween(tasks, at('transfer'), at('store'), finalWrite)));
    row('import: main-thread stall of the final write (store update, views, IndexedDB puts)', ms(finalWrite?.duration ?? 0));
    row('import: longest other main-thread task until stored', ms(longestBetween(tasks, at('store'), at('stored'), finalWrite)));
    if (profile) printTaskProfiles(profile, calibrationStart, tasks.filter((task) => task.duration > 100 && task.start > calibrationStart + 20));
    // What each task over 100 ms was made of (top-level events from the light trace; with the
    // detailed one also the JavaScript in it, and tasks over ONEMAP_BENCH_TRACE ms when that is > 1).
    printLongTasks(trace, 'import:read', Number(process.env['ONEMAP_BENCH_TRACE']) > 1 ? Number(process.env['ONEMAP_BENCH_TRACE']) : 100);
    // ONEMAP_BENCH_GC=1: every main-thread garbage collection of 15 ms or more, with its cause and heap sizes.
    if (process.env['ONEMAP_BENCH_GC']) printGarbageCollections(trace, 'import:read');
    const over = tasks.filter((task) => task.duration > 100 && task.start >= at('read')).map((task) => `${ms(task.duration)} @${(task.start - at('read')).toFixed(0)}`);
    row(`import: main-thread tasks > 100 ms, GC included (${over.length}, from picking the file to 2 s after stored; start after picking)`, over.join(', '));
    row('import: marks after read (ms)', Object.entries(marks).map(([name, time]) => `${name} ${(time - at('read')).toFixed(0)}`).join(', '));
    row('import: longest main-thread task in the 2 s after storing (map redraw)', ms(longestBetween(tasks, stored, Number.POSITIVE_INFINITY)));
    // The synchronous part of writing 100,000 records: issuing the puts (each clones its record).
    // The transaction is aborted, so nothing is written twice.
    const issuing = await page.evaluate(async () => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('chaizheng-onemap');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const read = database.transaction('violations', 'readonly').objectStore('violations').getAll();
      const records = await new Promise<{ id: string }[]>((resolve) => {
        read.onsuccess = () => resolve((read.result as { id: string }[]).filter((record) => record.id.startsWith('bench-import-')));
      });
      const transaction = database.transaction('violations', 'readwrite');
      const store = transaction.objectStore('violations');
      const started = performance.now();
      for (const record of records) store.put({ ...record, id: `${record.id}-again` });
      const milliseconds = performance.now() - started;
      transaction.abort();
      database.close();
      return { milliseconds, count: records.length };
    });
    row(`IndexedDB: issuing ${issuing.count} puts in one transaction (main thread, synchronous)`, ms(issuing.milliseconds));
    const session = await browser.context.newCDPSession(page);
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
    row('import: JS heap after the import (after GC)', `${(usedSize / 1024 / 1024).toFixed(0)} MB`);
  } finally {
    await browser.close();
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { DIST_DIRECTORY } = await import('../tests/e2e/harness');
  await benchmarkImport((measure, value) => console.log(`${measure.padEnd(62)} ${value}`), DIST_DIRECTORY);
}
