/**
 * Developer tool: serves dist/ with `vite preview`, opens a route in headless Debian Chromium with
 * a fresh profile and writes a PNG, printing console messages. Usage:
 *   npx tsx scripts/screenshot.ts '#/' out.png [width] [height] [waitMs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const [route = '#/', output = 'screenshot.png', width = '1280', height = '800', waitMs = '0', fitKind = ''] = process.argv.slice(2);
const port = 4399;
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore' });
try {
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'onemap-shot-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: Number(width), height: Number(height) },
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic', '--no-sandbox'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => console.log(`[console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => console.log(`[pageerror] ${error.message}`));
  page.on('requestfailed', (request) => console.log(`[requestfailed] ${request.url()}`));
  const started = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?e2e=1${route}`);
  await page.evaluate(() => (window as unknown as { __onemap: { ready: Promise<void> } }).__onemap.ready);
  console.log(`ready after ${Date.now() - started} ms`);
  if (fitKind) {
    // Fit the map to the first record of a kind (e.g. "zones") and wait until it is drawn.
    await page.evaluate(async (kind) => {
      const handle = (window as unknown as { __onemap: { map: any; exportGeoJSON(kind: string): Promise<any> } }).__onemap;
      const collection = await handle.exportGeoJSON(kind);
      const ring: number[][] = collection.features[0].geometry.coordinates[0];
      const xs = ring.map((p) => p[0]!);
      const ys = ring.map((p) => p[1]!);
      handle.map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { animate: false, padding: 40 });
      await new Promise((resolve) => handle.map.once('idle', resolve));
    }, fitKind);
  }
  await page.waitForTimeout(Number(waitMs));
  await page.screenshot({ path: output });
  await context.close();
} finally {
  server.kill();
}
