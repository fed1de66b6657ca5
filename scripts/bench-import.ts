/**
 * The import section of the browser benchmark: the 100,000 violations of the bench county as one
 * GeoJSON file (new ids, Chinese field names), imported through the dialog as a user does it —
 * file input, the worker reads and checks it with progress, preview on the map, confirm, one
 * transaction — in a fresh profile with the 5,000-violation sample county. Prints the time of each
 * step, the longest main-thread task in each (PerformanceObserver 'longtask'), and the JS heap.
 * Runs inside `scripts/bench-browser.ts`, or alone: `npx vite build && npx tsx scripts/bench-import.ts`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRANSFER_SLICE } from '../src/state/import-pipeline';
import { launchBrowser, REPO_ROOT, startStaticServer, waitForReady } from '../tests/e2e/harness';

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

/** The heaviest functions (inclusive) inside each long task; page time ≈ profile time - offset. */
export function printTaskProfiles(profile: CpuProfile & { startTime?: number }, pageStart: number, tasks: readonly LongTask[]): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  let time = 0;
  const times = profile.timeDeltas.map((delta) => (time += delta / 1000));
  for (const task of tasks) {
    const total = new Map<string, number>();
    profile.samples.forEach((sample, index) => {
      const at = pageStart + (times[index] ?? 0);
      if (at < task.start || at > task.start + task.duration) return;
      const seen = new Set<string>();
      for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
        const frame = byId.get(id)?.callFrame;
        if (!frame || frame.functionName === '(root)') continue;
        const key = `${frame.functionName || '(anonymous)'}:${frame.lineNumber}`;
        if (seen.has(key)) continue;
        seen.add(key);
        total.set(key, (total.get(key) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
      }
    });
    console.log(`task ${task.duration.toFixed(0)} ms @${task.start.toFixed(0)}: ${[...total].sort((a, b) => b[1] - a[1]).slice(0, task.duration > 250 ? 40 : 14).map(([key, value]) => `${key} ${value.toFixed(0)}`).join(' | ')}`);
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
    await page.addInitScript(() => {
      const tasks: { start: number; duration: number }[] = [];
      (window as unknown as { importTasks: typeof tasks }).importTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}/?e2e=1#/`);
    await waitForReady(page);
    console.log(`\nImport benchmark: ${features} violations as GeoJSON (${megabytes.toFixed(0)} MB) through the import dialog, sample county stored\n`);
    await page.getByTestId('open-import').click();
    // ONEMAP_BENCH_PROFILE=1: a CPU profile of the import, the heaviest functions of each long task printed.
    const profiler = process.env['ONEMAP_BENCH_PROFILE'] ? await browser.context.newCDPSession(page) : null;
    if (profiler) {
      await profiler.send('Profiler.enable');
      await profiler.send('Profiler.start');
    }
    const profileStarted = await page.evaluate(() => performance.now());
    const started = await page.evaluate(() => performance.now());
    await page.getByTestId('import-file-input').setInputFiles(file);
    await page.getByTestId('import-confirm').waitFor({ timeout: 15 * 60_000 });
    const reviewed = await page.evaluate(() => performance.now());
    const accepted = await page.getByTestId('import-accepted').innerText();
    await page.getByTestId('import-confirm').click();
    await page.getByTestId('import-imported').waitFor({ timeout: 15 * 60_000 });
    const stored = await page.evaluate(() => performance.now());
    const profile = profiler ? ((await profiler.send('Profiler.stop')).profile as CpuProfile) : null;
    const imported = await page.getByTestId('import-imported').innerText();
    const { tasks, marks } = await page.evaluate(() => ({
      tasks: (window as unknown as { importTasks: LongTask[] }).importTasks,
      marks: Object.fromEntries(performance.getEntriesByType('mark').filter((mark) => mark.name.startsWith('import:')).map((mark) => [mark.name.slice(7), mark.startTime])),
    }));
    const at = (step: string) => marks[step] ?? Number.NaN;
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
    if (profile) printTaskProfiles(profile, profileStarted, tasks.filter((task) => task.duration > 100 && task.start > profileStarted));
    const over = tasks.filter((task) => task.duration > 100 && task.start >= at('read')).map((task) => `${ms(task.duration)} @${(task.start - at('read')).toFixed(0)}`);
    row(`import: main-thread tasks > 100 ms (${over.length}, from picking the file; start after it)`, over.join(', '));
    row('import: marks after read (ms)', Object.entries(marks).map(([name, time]) => `${name} ${(time - at('read')).toFixed(0)}`).join(', '));
    await page.waitForTimeout(2000);
    const after = await page.evaluate(() => (window as unknown as { importTasks: LongTask[] }).importTasks);
    row('import: longest main-thread task in the 2 s after storing (map redraw)', ms(longestBetween(after, stored, Number.POSITIVE_INFINITY)));
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
