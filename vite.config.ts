import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Origins XYZ tile epochs (#/compare) may load from: 天地图 t0–t7 over https unless the build names
 * others in ONEMAP_TILE_ORIGINS (comma-separated `https://host[:port]` / `http://host[:port]`, or
 * `none`). A <meta> policy cannot be widened while the page runs, so this is the deployment's
 * ceiling; the project's own allow-list (stored in IndexedDB, edited in #/compare) can only narrow
 * it (src/domain/epochs-tile-hosts.ts reads both). Nothing is fetched from them unless staff add
 * such an epoch: the app itself never needs the network.
 */
function tileOrigins(): string[] {
  const configured = process.env['ONEMAP_TILE_ORIGINS'];
  if (configured === undefined) return Array.from({ length: 8 }, (_, index) => `https://t${index}.tianditu.gov.cn`);
  if (configured.trim() === 'none') return [];
  return configured.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '').map((origin) => {
    if (!/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(origin)) throw new Error(`ONEMAP_TILE_ORIGINS: ${origin} is not an origin like https://host[:port]`);
    return origin.toLowerCase();
  });
}

/**
 * The Content-Security-Policy of the built app: scripts, workers and data from the app's own
 * origin only, no eval; images also from data:/blob: (MapLibre's control icons, exports) and the
 * tile origins above (images and requests: MapLibre fetches raster tiles). It is a <meta> tag so
 * any static server that hosts dist/ applies it; the dev server (which needs inline scripts for
 * hot reload) does not get it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "child-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  ["img-src 'self' data: blob:", ...tileOrigins()].join(' '),
  "font-src 'self' data:",
  ["connect-src 'self' data: blob:", ...tileOrigins()].join(' '),
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'onemap-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
