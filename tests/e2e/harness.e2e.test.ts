/**
 * Self-test of the end-to-end infrastructure, independent of the app: the static server, Chromium
 * with software WebGL, CJK fonts, screenshots + the PNG decoder, and the error collector.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openApp, startStaticServer, useE2eSession } from './harness';
import { countDifferentPixels, countNonBackgroundPixels, decodePng } from './png';

/** The smallest valid WebAssembly module: magic number and version. */
const EMPTY_WASM = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

const INDEX_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>harness</title>
<link rel="icon" href="data:,">
<style>body { margin: 0; background: #fff; } .glyph { font: 64px sans-serif; width: 80px; height: 80px; color: #000; }</style>
</head><body>
<canvas id="gl" data-testid="gl-canvas" width="64" height="64"></canvas>
<div class="glyph" data-testid="glyph-a">乡</div>
<div class="glyph" data-testid="glyph-b">镇</div>
<script type="module" src="./app.mjs"></script>
</body></html>`;

const APP_MJS = `
if (new URLSearchParams(location.search).has('e2e')) {
  window.__onemap = { ready: new Promise((resolve) => setTimeout(resolve, 50)), route: location.hash };
}
`;

function createFixtureSite(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'onemap-harness-site-'));
  writeFileSync(path.join(root, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(root, 'app.mjs'), APP_MJS);
  writeFileSync(path.join(root, 'data.json'), '{"ok":true}');
  mkdirSync(path.join(root, 'glyphs'));
  writeFileSync(path.join(root, 'glyphs', '0-255.pbf'), Uint8Array.from([1, 2, 3]));
  writeFileSync(path.join(root, 'empty.wasm'), EMPTY_WASM);
  return root;
}

const siteRoot = createFixtureSite();
afterAll(() => rmSync(siteRoot, { recursive: true, force: true }));
const session = useE2eSession({ root: siteRoot });

describe('static server', () => {
  test('serves index.html for / and files with their MIME types', async () => {
    const server = await startStaticServer(siteRoot);
    try {
      const expectations: Array<[string, number, string]> = [
        ['/', 200, 'text/html; charset=utf-8'],
        ['/index.html', 200, 'text/html; charset=utf-8'],
        ['/app.mjs', 200, 'text/javascript; charset=utf-8'],
        ['/data.json', 200, 'application/json; charset=utf-8'],
        ['/glyphs/0-255.pbf', 200, 'application/x-protobuf'],
        ['/empty.wasm', 200, 'application/wasm'],
        ['/missing.js', 404, 'text/plain; charset=utf-8'],
        ['/glyphs', 404, 'text/plain; charset=utf-8'],
        ['/%2e%2e/%2e%2e/etc/passwd', 404, 'text/plain; charset=utf-8'],
        ['/some/client/route', 404, 'text/plain; charset=utf-8'],
      ];
      for (const [urlPath, status, contentType] of expectations) {
        const response = await fetch(`${server.url}${urlPath}`);
        expect({ urlPath, status: response.status, type: response.headers.get('content-type') }).toEqual({
          urlPath,
          status,
          type: contentType,
        });
        await response.arrayBuffer();
      }
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await server.close();
    }
  });
});

describe('browser', () => {
  test('openApp loads the page with the handle and waits for ready', async () => {
    const { page } = session();
    await openApp(page, '/wall');
    expect(page.url()).toMatch(/\/\?e2e=1#\/wall$/);
    expect(await page.evaluate(() => (window as unknown as { __onemap: { route: string } }).__onemap.route)).toBe('#/wall');
    // A second openApp of the same URL is still a full load (the handle is recreated).
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 1;
    });
    await openApp(page, '/wall');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBeUndefined();
  });

  test('WebGL2 works on software rendering and screenshots decode to the drawn pixels', async () => {
    const { page } = session();
    await openApp(page, '/');
    const renderer = await page.evaluate(() => {
      const canvas = document.getElementById('gl') as HTMLCanvasElement;
      const gl = canvas.getContext('webgl2');
      if (gl === null) return null;
      gl.clearColor(1, 0, 0, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      return String(gl.getParameter(gl.VERSION));
    });
    expect(renderer).toMatch(/WebGL 2/);
    const image = decodePng(await page.getByTestId('gl-canvas').screenshot());
    expect([image.width, image.height]).toEqual([64, 64]);
    const center = (32 * 64 + 32) * 4;
    expect(Array.from(image.data.subarray(center, center + 4))).toEqual([255, 0, 0, 255]);
  });

  test('Chinese text renders with a CJK font (two characters give different pixels, not tofu)', async () => {
    const { page } = session();
    await openApp(page, '/');
    const first = await page.getByTestId('glyph-a').screenshot();
    const second = await page.getByTestId('glyph-b').screenshot();
    expect(countNonBackgroundPixels(first)).toBeGreaterThan(200);
    expect(countDifferentPixels(first, second)).toBeGreaterThan(200);
  });

  test('the collector records console errors, page errors, HTTP errors and remote requests', async () => {
    const { page, errors } = session();
    await openApp(page, '/');
    await page.evaluate(async () => {
      console.error('deliberate console error');
      setTimeout(() => {
        throw new Error('deliberate page error');
      });
      await fetch('/missing.json').catch(() => undefined);
      await fetch('https://example.com/tile.png').catch(() => undefined);
    });
    await page.waitForTimeout(200);
    const problems = errors.take().join('\n');
    expect(problems).toContain('console.error: deliberate console error');
    expect(problems).toContain('page error: Error: deliberate page error');
    expect(problems).toMatch(/HTTP 404: GET http:\/\/127\.0\.0\.1:\d+\/missing\.json/);
    expect(problems).toContain('remote request: GET https://example.com/tile.png');
  });

  test('a second tab shares the profile and is watched by the collector', async () => {
    const { page, newPage, errors } = session();
    await openApp(page, '/');
    await page.evaluate(() => localStorage.setItem('harness-check', 'shared'));
    const second = await newPage();
    try {
      await openApp(second, '/');
      expect(await second.evaluate(() => localStorage.getItem('harness-check'))).toBe('shared');
      await second.evaluate(() => console.error('from the second tab'));
      await second.waitForTimeout(100);
      expect(errors.take().join('\n')).toContain('from the second tab');
    } finally {
      await second.close();
    }
  });
});
