/**
 * The in-browser half of `npm run bench`: the 100,000-violation county stored in headless
 * Chromium's IndexedDB (software WebGL, 1280×800), then measured as a user meets it — time until
 * the first map is on screen after opening the app, per-frame time while panning, the longest
 * main-thread task, the per-zone statistics on the page's main thread, and the JS heap. Prints a
 * table; never passes or fails. Needs `npx vite build` first (the bench command does it).
 */
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST_DIRECTORY, REPO_ROOT, launchBrowser, startStaticServer, waitForReady, type OneMapWindow } from '../tests/e2e/harness';

const BENCH_COUNTY = path.join(REPO_ROOT, 'data', 'bench', 'sample-county.json');
const rows: [string, string][] = [];
const row = (measure: string, value: string) => {
  rows.push([measure, value]);
  console.log(`${measure.padEnd(62)} ${value}`);
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

if (!(await stat(BENCH_COUNTY).catch(() => null))) {
  console.log('generating the 100,000-violation county (data/bench/) …');
  execFileSync('npx', ['tsx', 'scripts/generate-sample-county.ts', '--violations', '100000', '--zones', '500', '--out', 'data/bench/'], { cwd: REPO_ROOT, stdio: 'inherit' });
}
// Serve the built app with the bench county beside it (same origin, so the page can fetch it).
const root = await mkdtemp(path.join(tmpdir(), 'onemap-bench-'));
await cp(DIST_DIRECTORY, root, { recursive: true });
await cp(BENCH_COUNTY, path.join(root, 'bench-county.json'));
const server = await startStaticServer(root);
const browser = await launchBrowser();
try {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  // tsx (esbuild keepNames) wraps named functions in the page callbacks with __name(): give the
  // page a no-op one.
  await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
  await page.goto(`${server.url}/?e2e=1#/`);
  await waitForReady(page);
  console.log('\nBrowser benchmark: 100,000-violation county in headless Chromium (SwiftShader, 1280×800)\n');

  const stored = await page.evaluate(async () => {
    const started = performance.now();
    const county = (await (await fetch('./bench-county.json')).json()) as Record<string, { id: string }[]>;
    const fetched = performance.now();
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('chaizheng-onemap');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const kinds = Object.keys(county).filter((kind) => database.objectStoreNames.contains(kind));
    await new Promise<void>((resolve, reject) => {
      const transaction = database.transaction(kinds, 'readwrite');
      for (const kind of kinds) {
        const store = transaction.objectStore(kind);
        store.clear();
        for (const record of county[kind] ?? []) store.put(record);
      }
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
    });
    database.close();
    return { parseMilliseconds: fetched - started, writeMilliseconds: performance.now() - fetched, violations: county['violations']?.length ?? 0, zones: county['zones']?.length ?? 0 };
  });
  row(`fetch + JSON.parse of the county file (${stored.violations} violations)`, ms(stored.parseMilliseconds));
  row('IndexedDB: store the county in one transaction', ms(stored.writeMilliseconds));

  // Long tasks are recorded from the start of the next load.
  await page.addInitScript(() => {
    const longest = { value: 0 };
    (window as unknown as { longestTask: typeof longest }).longestTask = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.value = Math.max(longest.value, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const opened = Date.now();
  await page.reload();
  await waitForReady(page);
  row('open the app → first map drawn (IndexedDB load + layers + idle)', ms(Date.now() - opened));
  row('longest main-thread task during that load', ms(await page.evaluate(() => (window as unknown as { longestTask: { value: number } }).longestTask.value)));

  const pan = await page.evaluate(async () => {
    const map = (window as unknown as OneMapWindow).__onemap.map;
    map.jumpTo({ center: [120.4, 27.5], zoom: 13 });
    await new Promise((resolve) => map.once('idle', resolve));
    const frames: number[] = [];
    let last = performance.now();
    const until = last + 4000;
    await new Promise<void>((resolve) => {
      const step = () => {
        const now = performance.now();
        frames.push(now - last);
        last = now;
        map.panBy([12, 6], { animate: false });
        // At least 6 frames even when each takes seconds (software rendering of 100k polygons).
        if (now < until || frames.length < 7) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    frames.shift();
    frames.sort((a, b) => a - b);
    return { frames: frames.length, median: frames[Math.floor(frames.length / 2)] ?? 0, p95: frames[Math.floor(frames.length * 0.95)] ?? 0 };
  });
  row(`panning at zoom 13, all layers on: frame time median / p95 (${pan.frames} frames)`, `${pan.median.toFixed(0)} / ${pan.p95.toFixed(0)} ms`);

  const statistics = await page.evaluate(async () => {
    const started = performance.now();
    const result = await (window as unknown as OneMapWindow).__onemap.zoneStats();
    return { milliseconds: performance.now() - started, zones: result.length };
  });
  row(`per-zone statistics in the page (${statistics.zones} zones, first call)`, ms(statistics.milliseconds));

  const session = await browser.context.newCDPSession(page);
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await session.send('Runtime.getHeapUsage')) as { usedSize: number };
  row('JS heap with the county loaded (after GC)', `${(usedSize / 1024 / 1024).toFixed(0)} MB`);
} finally {
  await browser.close();
  await server.close();
  await rm(root, { recursive: true, force: true });
}
