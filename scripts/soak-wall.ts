/**
 * Soak test of the wall screen (not part of the default tests): serves dist/ with `vite preview`,
 * opens #/wall in headless Chromium with a fresh profile, lets the automatic tour run for a set
 * time and prints the JS heap (after a forced GC), DOM nodes and event listeners over time, from
 * the Chrome DevTools Protocol (`Performance.getMetrics`). It prints figures; it never fails on
 * them. Build first (`npx vite build`). Usage:
 *   npx tsx scripts/soak-wall.ts [minutes=10] [tourIntervalSeconds=5] [sampleSeconds=30] [width=1920] [height=1080]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';

const [minutes = '10', intervalSeconds = '5', sampleSeconds = '30', width = '1920', height = '1080'] = process.argv.slice(2);
const durationMilliseconds = Number(minutes) * 60_000;
const port = 4396;

interface Sample {
  elapsedSeconds: number;
  step: string;
  heapUsedMegabytes: number;
  heapTotalMegabytes: number;
  nodes: number;
  listeners: number;
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((metric) => [metric.name, metric.value]));
}

/** Least-squares slope of y over x. */
function slope(points: readonly [number, number][]): number {
  const n = points.length;
  if (n < 2) return 0;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const numerator = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const denominator = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return denominator === 0 ? 0 : numerator / denominator;
}

const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
const profile = mkdtempSync(join(tmpdir(), 'onemap-soak-'));
try {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['ONEMAP_CHROMIUM'] ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: Number(width), height: Number(height) },
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--no-sandbox'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let errors = 0;
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') console.log(`[console.${message.type()}] ${message.text()}`);
    if (message.type() === 'error') errors++;
  });
  page.on('pageerror', (error) => { errors++; console.log(`[pageerror] ${error.message}`); });
  await page.goto(`http://127.0.0.1:${port}/?e2e=1#/wall`);
  await page.evaluate(() => (window as unknown as { __onemap: { ready: Promise<void> } }).__onemap.ready);
  await page.getByTestId('wall-tour-interval').fill(intervalSeconds);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');

  console.log(`soak: #/wall at ${width}×${height}, tour every ${intervalSeconds} s, ${minutes} min, a sample every ${sampleSeconds} s (heap after a forced GC)`);
  console.log('elapsed_s  step  heap_used_MB  heap_total_MB  dom_nodes  listeners');
  const samples: Sample[] = [];
  const started = Date.now();
  const steps = new Set<string>();
  for (;;) {
    const values = await metrics(cdp);
    const step = (await page.getByTestId('wall-tour-caption').getAttribute('data-step')) ?? '';
    steps.add(step);
    const sample: Sample = {
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
      step,
      heapUsedMegabytes: (values['JSHeapUsedSize'] ?? 0) / 2 ** 20,
      heapTotalMegabytes: (values['JSHeapTotalSize'] ?? 0) / 2 ** 20,
      nodes: values['Nodes'] ?? 0,
      listeners: values['JSEventListeners'] ?? 0,
    };
    samples.push(sample);
    console.log(`${String(sample.elapsedSeconds).padStart(9)}  ${step.padStart(4)}  ${sample.heapUsedMegabytes.toFixed(2).padStart(12)}  ${sample.heapTotalMegabytes.toFixed(2).padStart(13)}  ${String(sample.nodes).padStart(9)}  ${String(sample.listeners).padStart(9)}`);
    if (Date.now() - started >= durationMilliseconds) break;
    await page.waitForTimeout(Math.min(Number(sampleSeconds) * 1000, durationMilliseconds - (Date.now() - started)));
  }

  const first = samples[0] as Sample;
  const last = samples.at(-1) as Sample;
  // The first minutes include warm-up (shader compilation, caches); judge the trend on the second half.
  const secondHalf = samples.slice(Math.floor(samples.length / 2)).map((sample): [number, number] => [sample.elapsedSeconds / 3600, sample.heapUsedMegabytes]);
  console.log('');
  console.log(`heap used: ${first.heapUsedMegabytes.toFixed(2)} MB at start, ${last.heapUsedMegabytes.toFixed(2)} MB after ${last.elapsedSeconds} s; `
    + `min ${Math.min(...samples.map((sample) => sample.heapUsedMegabytes)).toFixed(2)}, max ${Math.max(...samples.map((sample) => sample.heapUsedMegabytes)).toFixed(2)} MB`);
  console.log(`trend over the second half: ${slope(secondHalf).toFixed(2)} MB per hour; DOM nodes ${first.nodes} → ${last.nodes}, listeners ${first.listeners} → ${last.listeners}`);
  console.log(`tour steps seen: ${[...steps].sort().join(', ')}; console errors: ${errors}`);
  await context.close();
} finally {
  server.kill();
  rmSync(profile, { recursive: true, force: true });
}
