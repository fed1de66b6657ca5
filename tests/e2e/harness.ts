/**
 * End-to-end harness: a static server for dist/, a Chromium launcher with a fresh profile per test
 * file, an error collector that fails a test on any console error, page error, failed request or
 * request to a remote host, and helpers that drive the app through its automation handle
 * (`window.__onemap`, see /work/shared/E2E-CONTRACT.md).
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The build under test; ONEMAP_DIST_DIR points elsewhere (e.g. a build made with `vite build --outDir`). */
export const DIST_DIRECTORY = path.resolve(process.env['ONEMAP_DIST_DIR'] ?? path.join(REPO_ROOT, 'dist'));
/** Debian's chromium; ONEMAP_CHROMIUM overrides it on machines that keep Chromium elsewhere. */
export const CHROMIUM_PATH = process.env['ONEMAP_CHROMIUM'] ?? '/usr/bin/chromium';
export const VIEWPORT = { width: 1280, height: 800 } as const;

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--no-sandbox',
];

// ---------------------------------------------------------------------------------------------
// The automation handle, as the contract describes it.

export interface ZoneStats {
  zoneId: string;
  zoneAreaSquareMeters: number;
  violationCount: number;
  violationAreaSquareMeters: number;
  demolishedAreaSquareMeters: number;
  remainingAreaSquareMeters: number;
}

export interface ImportReport {
  imported: number;
  repaired: number;
  rejected: number;
  [detail: string]: unknown;
}

/** `window.__onemap` when the page is opened with `?e2e=1`. */
export interface OneMapHandle {
  ready: Promise<void>;
  map: MapLibreMap;
  counts(): Promise<Record<string, number>>;
  exportGeoJSON(kind: string): Promise<FeatureCollection>;
  zoneStats(): Promise<ZoneStats[]>;
  importFiles(files: File[], options: { kind: string }): Promise<ImportReport>;
}

/**
 * The handle inside `page.evaluate` callbacks: `(window as unknown as OneMapWindow).__onemap`.
 * Deliberately not merged with `Window`, so the app's own global declaration (with looser types)
 * doesn't conflict with the contract's types used here.
 */
export interface OneMapWindow {
  __onemap: OneMapHandle;
}

// ---------------------------------------------------------------------------------------------
// Static file server.

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pbf': 'application/x-protobuf',
  '.mvt': 'application/vnd.mapbox-vector-tile',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  url: string;
  close(): Promise<void>;
}

/** Resolves a request path inside `root`, or null when it would escape it. */
function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : null;
}

/**
 * Serves the files of `root` on 127.0.0.1 at a free port: `/` is index.html, any other path is
 * the file itself or 404 (no SPA fallback, so a missing worker or asset is a visible 404).
 */
export async function startStaticServer(root = DIST_DIRECTORY): Promise<StaticServer> {
  const absoluteRoot = path.resolve(root);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const urlPath = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
      const filePath = resolveInside(absoluteRoot, urlPath);
      const isFile = filePath !== null && (await stat(filePath).catch(() => null))?.isFile() === true;
      if (filePath === null || !isFile || (method !== 'GET' && method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`404 ${urlPath}\n`);
        return;
      }
      const body = await readFile(filePath);
      response.writeHead(200, {
        'content-type': mimeTypeOf(filePath),
        'content-length': body.length,
        'cache-control': 'no-store',
      });
      response.end(method === 'HEAD' ? undefined : body);
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Error collector.

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a request URL stays on this machine (loopback, or an in-page data:/blob: URL). */
export function isLocalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (['data:', 'blob:', 'about:', 'chrome-error:'].includes(parsed.protocol)) return true;
  return LOCAL_HOSTS.has(parsed.hostname);
}

/**
 * Records everything that should never happen while a person uses the app. Cancelled requests
 * (net::ERR_ABORTED — the page itself aborted them, e.g. on reload or when MapLibre drops a
 * tile it no longer needs) are not failures; every other failed request is.
 */
export class ErrorCollector {
  readonly problems: string[] = [];

  attachToContext(context: BrowserContext): void {
    context.on('page', (page) => this.attachToPage(page));
    for (const page of context.pages()) this.attachToPage(page);
    context.on('request', (request) => {
      if (!isLocalUrl(request.url())) this.problems.push(`remote request: ${request.method()} ${request.url()}`);
    });
    context.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? 'unknown error';
      if (reason.includes('ERR_ABORTED') && isLocalUrl(request.url())) return;
      if (!isLocalUrl(request.url())) return; // already recorded as a remote request
      this.problems.push(`request failed: ${request.method()} ${request.url()} — ${reason}`);
    });
    context.on('response', (response) => {
      if (response.status() >= 400) {
        this.problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
      }
    });
  }

  private attachToPage(page: Page): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const location = message.location();
      const where = location.url ? ` (${location.url}:${location.lineNumber})` : '';
      this.problems.push(`console.error: ${message.text()}${where}`);
    });
    page.on('pageerror', (error) => {
      this.problems.push(`page error: ${error.stack ?? error.message}`);
    });
    page.on('crash', () => this.problems.push('page crashed'));
  }

  /** Returns the problems recorded so far and forgets them. */
  take(): string[] {
    return this.problems.splice(0, this.problems.length);
  }
}

// ---------------------------------------------------------------------------------------------
// Browser.

export interface LaunchedBrowser {
  context: BrowserContext;
  userDataDirectory: string;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile (so IndexedDB starts empty) and software WebGL. */
export async function launchBrowser(): Promise<LaunchedBrowser> {
  const userDataDirectory = await mkdtemp(path.join(tmpdir(), 'onemap-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: VIEWPORT,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: CHROMIUM_ARGS,
  });
  // Never let a request leave the machine: fail it at once instead of waiting for DNS.
  await context.route((url) => !isLocalUrl(url.href), (route) => route.abort('blockedbyclient'));
  return {
    context,
    userDataDirectory,
    close: async () => {
      await context.close().catch(() => undefined);
      await rm(userDataDirectory, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One session per test file.

export interface E2eSession {
  baseUrl: string;
  context: BrowserContext;
  /** The page the tests drive; opened in beforeAll. */
  page: Page;
  errors: ErrorCollector;
  /** Opens another tab in the same browser profile (same IndexedDB), watched by the collector. */
  newPage(): Promise<Page>;
}

const baseUrlByContext = new WeakMap<BrowserContext, string>();

/**
 * Registers beforeAll/afterEach/afterAll hooks that start the static server and the browser for
 * this test file, and fail each test whose page logged errors. Call it at the top of a test file
 * and use the returned getter inside tests.
 */
export function useE2eSession(options: { root?: string } = {}): () => E2eSession {
  let session: E2eSession | undefined;
  let server: StaticServer | undefined;
  let browser: LaunchedBrowser | undefined;

  beforeAll(async () => {
    server = await startStaticServer(options.root ?? DIST_DIRECTORY);
    browser = await launchBrowser();
    const errors = new ErrorCollector();
    errors.attachToContext(browser.context);
    const context = browser.context;
    baseUrlByContext.set(context, server.url);
    const page = context.pages()[0] ?? (await context.newPage());
    session = { baseUrl: server.url, context, page, errors, newPage: () => context.newPage() };
  });

  afterEach(() => {
    const problems = session?.errors.take() ?? [];
    expect(problems, `the browser reported problems:\n${problems.join('\n')}`).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  return () => {
    if (session === undefined) throw new Error('useE2eSession: the session has not started (beforeAll failed?)');
    return session;
  };
}

// ---------------------------------------------------------------------------------------------
// Driving the app.

/**
 * Opens `route` (e.g. `/` or `/wall`) with the automation handle enabled and waits until the view
 * is ready. Always a full page load, even when the page already shows the same URL.
 */
export async function openApp(page: Page, route: string): Promise<void> {
  const baseUrl = baseUrlByContext.get(page.context());
  if (baseUrl === undefined) throw new Error('openApp: the page does not belong to an e2e session');
  const hashRoute = route.startsWith('/') ? route : `/${route}`;
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/?e2e=1#${hashRoute}`);
  await waitForReady(page);
}

/** Waits for `window.__onemap` to exist and its `ready` promise to resolve (e.g. after a reload). */
export async function waitForReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Partial<OneMapWindow>).__onemap !== undefined);
  await page.evaluate(() => (window as unknown as OneMapWindow).__onemap.ready);
}

/**
 * Asks the map for one more frame and resolves when MapLibre reports `idle` (everything loaded,
 * no transition running). Call after anything that changes what the map draws.
 */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as OneMapWindow).__onemap.map;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** A PNG screenshot of the element with `data-testid` = `testId`. */
export async function screenshotTestId(page: Page, testId: string): Promise<Buffer> {
  return page.getByTestId(testId).screenshot({ animations: 'disabled', caret: 'hide' });
}

/** Moves the mouse off the map so hover highlights and cursors don't reach screenshots. */
export async function parkMouse(page: Page): Promise<void> {
  await page.mouse.move(1, 1);
}

export async function counts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => (window as unknown as OneMapWindow).__onemap.counts());
}

export async function exportGeoJSON(page: Page, kind: string): Promise<FeatureCollection> {
  return page.evaluate((recordKind) => (window as unknown as OneMapWindow).__onemap.exportGeoJSON(recordKind), kind);
}

export async function zoneStats(page: Page): Promise<ZoneStats[]> {
  return page.evaluate(() => (window as unknown as OneMapWindow).__onemap.zoneStats());
}

/** Polls `check` until it stops throwing (or the timeout passes, rethrowing its last error). */
export async function eventually<T>(check: () => Promise<T>, timeoutMilliseconds = 30_000, intervalMilliseconds = 250): Promise<T> {
  const deadline = Date.now() + timeoutMilliseconds;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMilliseconds));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The map.

export type BoundingBox = [west: number, south: number, east: number, north: number];

/** Jumps (no animation) so that `bbox` fills the map with `paddingPixels` around it, then waits for idle. */
export async function fitMapTo(page: Page, bbox: BoundingBox, paddingPixels = 40): Promise<void> {
  await page.evaluate(
    ({ box, padding }) => {
      const map = (window as unknown as OneMapWindow).__onemap.map;
      map.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding, animate: false, maxZoom: 19 },
      );
    },
    { box: bbox, padding: paddingPixels },
  );
  await waitForMapIdle(page);
}

/**
 * Where `lngLat` is on the page (viewport CSS pixels), and which element is there — so a test can
 * click or hover a map position and know whether a panel covers it.
 */
export async function pagePointOf(
  page: Page,
  lngLat: readonly [number, number],
): Promise<{ x: number; y: number; insideMap: boolean; topElement: string }> {
  return page.evaluate((position) => {
    const map = (window as unknown as OneMapWindow).__onemap.map;
    const container = map.getContainer().getBoundingClientRect();
    const point = map.project([position[0], position[1]]);
    const x = container.left + point.x;
    const y = container.top + point.y;
    const top = document.elementFromPoint(x, y);
    const describe = (element: Element | null) =>
      element === null ? 'nothing' : `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className)}` : ''}`;
    return { x, y, insideMap: top !== null && map.getContainer().contains(top), topElement: describe(top) };
  }, lngLat);
}

/** The map position under a page point (viewport CSS pixels). */
export async function lngLatAt(page: Page, x: number, y: number): Promise<[number, number]> {
  return page.evaluate(
    ({ pageX, pageY }) => {
      const map = (window as unknown as OneMapWindow).__onemap.map;
      const container = map.getContainer().getBoundingClientRect();
      const lngLat = map.unproject([pageX - container.left, pageY - container.top]);
      return [lngLat.lng, lngLat.lat] as [number, number];
    },
    { pageX: x, pageY: y },
  );
}
