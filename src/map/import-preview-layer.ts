/**
 * The import preview on a MapLibre map: the checked features of an import before anything is
 * stored, hatched and outlined in dashed orange above every other layer, rejected features in red
 * (a large import shows a dot per accepted feature instead of its shape: see import-preview-geometry.ts).
 * The GeoJSON is loaded by URL (a blob: URL of the worker-built text), so MapLibre's own worker
 * parses and tiles it and the main thread never holds the features. The map is fitted to them.
 */
import { useEffect, useSyncExternalStore } from 'react';
import * as maplibregl from 'maplibre-gl';
import { importPreviewStore, type ImportPreview, type ImportPreviewStore } from '../state/import-preview';
import { afterGpuWork } from './gpu-fence';
import type { MapController } from './map-controller';

const SOURCE_ID = 'import-preview';
/** Longest wait for the GPU to finish drawing the preview (the import waits for it in all at most PREVIEW_WAIT_LIMIT_MS). */
const GPU_WAIT_LIMIT_MS = 5_000;
const HATCH_IMAGE_ID = 'import-preview-hatch';
export const IMPORT_PREVIEW_COLOR = '#ff6d00';
export const IMPORT_REJECTED_COLOR = '#d50000';
export const IMPORT_PREVIEW_LAYER_IDS = ['import-preview-fill', 'import-preview-rejected-fill', 'import-preview-line', 'import-preview-rejected-line', 'import-preview-points', 'import-preview-markers'] as const;
/**
 * Room on the right of the map for the docked import panel when fitting (at most half the map).
 * The width is the one MapLibre gave its canvas at the last resize: measuring the container would
 * force a layout of the dialog React has just rendered (30 ms with a 100,000-feature report).
 */
function fitPadding(map: maplibregl.Map) {
  const width = Number.parseFloat(map.getCanvas().style.width) || window.innerWidth;
  return { top: 40, bottom: 40, left: 40, right: Math.max(40, Math.min(500, width / 2)) };
}

const isRejected: maplibregl.ExpressionSpecification = ['==', ['get', 'status'], 'rejected'];
const isKept: maplibregl.ExpressionSpecification = ['!=', ['get', 'status'], 'rejected'];
const isArea: maplibregl.ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];

/** An 8×8 tile of diagonal orange stripes on transparent ground. */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if ((x + y) % size > 1) continue;
      data.set([255, 109, 0, 200], (y * size + x) * 4);
    }
  }
  return { width: size, height: size, data };
}


/**
 * MapLibre's workers hand a blob: URL to the main thread, which fetches and parses it there and
 * clones the parsed features back (≈0.8 s of main thread for a 100,000-feature preview). Under
 * this scheme (`onemap-preview://blob:…`) the worker fetches and parses the blob itself; the same
 * protocol on the main thread serves it if the worker script could not be loaded.
 */
const PREVIEW_PROTOCOL = 'onemap-preview';
const loadPreview = `async (request, abort) => {
  const response = await fetch(request.url.slice(${JSON.stringify(`${PREVIEW_PROTOCOL}://`)}.length), { signal: abort.signal });
  return { data: await response.json() };
}`;
/**
 * MapLibre's worker sends the GeoJSON it loaded from a URL back to the main thread as the source's
 * copy of its data: for a 100,000-feature preview that is one message cloned onto the main thread
 * (≈100–160 ms in one task, and the garbage after it), and the preview never reads that copy. In
 * the workers the preview's source drops it from the load result (its tiles come from the worker's
 * index as before). Only where MapLibre's worker is as expected (`self.worker._getWorkerSource`);
 * otherwise nothing changes.
 */
const keepPreviewDataInWorker = `(() => {
  const host = self.worker;
  if (!host || typeof host._getWorkerSource !== 'function' || host.onemapPreviewData) return;
  host.onemapPreviewData = true;
  const getWorkerSource = host._getWorkerSource;
  host._getWorkerSource = function (mapId, type, source) {
    const workerSource = getWorkerSource.call(this, mapId, type, source);
    if (source === ${JSON.stringify(SOURCE_ID)} && workerSource && typeof workerSource.loadData === 'function' && !workerSource.onemapPreviewData) {
      workerSource.onemapPreviewData = true;
      const loadData = workerSource.loadData;
      workerSource.loadData = async function (params) {
        const result = await loadData.call(this, params);
        if (result && params && params.request && String(params.request.url).startsWith(${JSON.stringify(`${PREVIEW_PROTOCOL}://`)})) delete result.data;
        return result;
      };
    }
    return workerSource;
  };
})();`;
let previewProtocol: Promise<void> | null = null;

function registerPreviewProtocol(): Promise<void> {
  previewProtocol ??= (() => {
    maplibregl.addProtocol(PREVIEW_PROTOCOL, async (request, abort) => {
      const response = await fetch(request.url.slice(PREVIEW_PROTOCOL.length + 3), { signal: abort.signal });
      return { data: (await response.json()) as object };
    });
    const script = URL.createObjectURL(new Blob([`self.addProtocol(${JSON.stringify(PREVIEW_PROTOCOL)}, ${loadPreview});\n${keepPreviewDataInWorker}`], { type: 'text/javascript' }));
    // The script URL is never revoked: a worker that starts (or restarts) later may still load it,
    // and a revoked URL is a failed request (ERR_FILE_NOT_FOUND). It is a few hundred bytes.
    return maplibregl.importScriptInWorkers(script).catch(() => undefined);
  })();
  return previewProtocol;
}

/** A fill, line or circle layer without its source. */
type PreviewLayerSpecification =
  | Omit<maplibregl.FillLayerSpecification, 'source'>
  | Omit<maplibregl.LineLayerSpecification, 'source'>
  | Omit<maplibregl.CircleLayerSpecification, 'source'>;

/** Adds the preview layers (IMPORT_PREVIEW_LAYER_IDS) over the source `sourceId`, above everything. */
function addLayers(map: maplibregl.Map, sourceId: string, markers: boolean): void {
  if (!map.hasImage(HATCH_IMAGE_ID)) map.addImage(HATCH_IMAGE_ID, hatchImage());
  const isShape: maplibregl.ExpressionSpecification = ['!', ['has', 'marker']];
  const add = (layer: PreviewLayerSpecification) => map.addLayer({ ...layer, id: `import-preview-${layer.id}`, source: sourceId } as maplibregl.LayerSpecification);
  add({ id: 'fill', type: 'fill', filter: ['all', isKept, isArea], paint: { 'fill-pattern': HATCH_IMAGE_ID } });
  add({ id: 'rejected-fill', type: 'fill', filter: ['all', isRejected, isArea], paint: { 'fill-color': IMPORT_REJECTED_COLOR, 'fill-opacity': 0.3 } });
  add({ id: 'line', type: 'line', filter: ['all', isKept, isShape], paint: { 'line-color': IMPORT_PREVIEW_COLOR, 'line-width': 2, 'line-dasharray': [2, 1.5] } });
  add({ id: 'rejected-line', type: 'line', filter: ['all', isRejected, isShape], paint: { 'line-color': IMPORT_REJECTED_COLOR, 'line-width': 3 } });
  add(circleLayer('points', ['all', ['==', ['geometry-type'], 'Point'], isShape], 5, 1));
  if (markers) add(MARKER_LAYER);
}

function circleLayer(id: string, filter: maplibregl.ExpressionSpecification, radius: number | maplibregl.ExpressionSpecification, stroke: number): PreviewLayerSpecification {
  return {
    id, type: 'circle', filter,
    paint: { 'circle-radius': radius, 'circle-color': ['case', isRejected, IMPORT_REJECTED_COLOR, IMPORT_PREVIEW_COLOR], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': stroke },
  };
}

/** The dot per accepted feature of a large import. */
const MARKER_LAYER = circleLayer('markers', ['has', 'marker'], ['interpolate', ['linear'], ['zoom'], 10, 1.5, 16, 5], 0);

function removeLayers(map: maplibregl.Map): void {
  for (const id of IMPORT_PREVIEW_LAYER_IDS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(SOURCE_ID)) map.removeSource(SOURCE_ID);
}

const WARM_UP_SOURCE_ID = 'import-preview-warm-up';
const WARM_UP_PREFIX = 'import-preview-warm-up-';
/** Maps whose preview programs are compiled. */
const warmedUp = new WeakSet<maplibregl.Map>();

/**
 * MapLibre compiles a layer type's program (per paint configuration) the first time it draws one,
 * and the main thread waits for the GPU to link it (8–125 ms in headless Chromium): for a big
 * import, the markers' circle program at some moment while the records are stored, whenever the
 * preview's first tile is drawn. Drawing one marker once, below the opaque background (so nothing
 * shows), compiles it while the dialog waits for a file instead. (Only that program: each one
 * compiled here stalls the dialog's opening; a small import's shapes compile when drawn, and a
 * small import has no long work for the stall to land in.)
 */
function warmUp(map: maplibregl.Map): void {
  if (warmedUp.has(map) || !map.getLayer('background')) return;
  warmedUp.add(map);
  const marker = { type: 'Feature' as const, properties: { status: 'accepted', marker: true }, geometry: { type: 'Point' as const, coordinates: map.getCenter().toArray() } };
  map.addSource(WARM_UP_SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [marker] } });
  const layerId = `${WARM_UP_PREFIX}${MARKER_LAYER.id}`;
  map.addLayer({ ...MARKER_LAYER, id: layerId, source: WARM_UP_SOURCE_ID } as maplibregl.LayerSpecification, 'background');
  map.once('idle', () => {
    if (!map.getStyle()) return;
    if (map.getLayer(layerId)) map.removeLayer(layerId);
    if (map.getSource(WARM_UP_SOURCE_ID)) map.removeSource(WARM_UP_SOURCE_ID);
  });
  map.triggerRepaint();
}

/** Draws one preview at a time on a map; `show(null)` removes it. */
export class ImportPreviewLayer {
  constructor(private readonly map: maplibregl.Map) {}

  /** The preview's object URL belongs to the import (its worker made it): it is not revoked here. */
  show(preview: ImportPreview | null, fit: (bbox: [number, number, number, number]) => void): void {
    removeLayers(this.map);
    if (!preview) return;
    this.map.addSource(SOURCE_ID, { type: 'geojson', data: `${PREVIEW_PROTOCOL}://${preview.url}` });
    addLayers(this.map, SOURCE_ID, preview.markers);
    if (preview.bbox) fit(preview.bbox);
  }
}

/** Keeps the map of `controller` showing the current import preview. */
export function useImportPreviewLayer(controller: MapController | null, store: ImportPreviewStore = importPreviewStore): void {
  const preview = useSyncExternalStore(store.subscribe, store.get);
  const expected = useSyncExternalStore(store.subscribe, store.expected);
  useEffect(() => {
    if (!controller || expected === 0) return;
    void controller.styleLoaded.then(() => {
      if (controller.map.getStyle()) warmUp(controller.map);
    });
  }, [controller, expected]);
  useEffect(() => {
    if (!controller) return undefined;
    const layer = new ImportPreviewLayer(controller.map);
    let active = true;
    // Until the preview is on screen, MapLibre's workers are parsing and tiling it (see store.settled).
    if (preview) store.drawing(preview);
    void Promise.all([controller.styleLoaded, registerPreviewProtocol()]).then(() => {
      if (!active) return;
      layer.show(preview, (bbox) => controller.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding: fitPadding(controller.map), animate: false, maxZoom: 18 }));
      // Drawn: the frame issued (idle) and executed by the GPU (see gpu-fence.ts).
      if (preview) controller.map.once('idle', () => void afterGpuWork(controller.map.getCanvas(), GPU_WAIT_LIMIT_MS).then(() => store.drawn(preview)));
    });
    return () => {
      active = false;
      if (preview) store.drawn(preview);
      // The map may be gone already (the view unmounted).
      if (controller.map.getStyle()) layer.show(null, () => undefined);
    };
  }, [controller, preview]);
}
