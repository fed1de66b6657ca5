/**
 * The imperative map: one MapLibre map (offline base style) with a deck.gl overlay interleaved for
 * the campaign layers. Created once per view and fed the current data and layer settings; it only
 * touches what changed since the last update. Reports clicks (picked features) and the pointer
 * position through callbacks; it never writes state itself.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Feature, FeatureCollection } from 'geojson';
import { layerGroup, type BaseLayerId, type CampaignLayerId, type LayerId, type LayerSetting } from '../state/layer-settings';
import type { ProjectRecords, Selection } from '../state/project-state';
import { BASE_LAYER_PARTS, BASE_SOURCE_IDS, LOCAL_IDEOGRAPH_FONT_FAMILY, createBaseStyle } from './base-style';
import { binaryLayersSettled, gateChunkHandOvers, onBinaryLayersBuilt } from './binary-layers';
import { afterNextFrameDrawn } from './gpu-fence';
import { binaryLayerDrawnAt, pickedLayerId, pickedRecordId } from './binary-deck-layers';
import { stopDeckPointerPicking } from './deck-events';
import { NEAR_VIEW_ZOOM, createCampaignLayers, createExtraLayers, createSelectionLayer } from './campaign-layers';
import { removeContextInstrumentation } from './webgl-context';
import { ZoneDrawingController, type ZoneDrawingCallbacks } from './zone-drawing-controller';

maplibregl.setWorkerUrl(workerUrl);

/** After handing a chunk over: how long to wait for the frame that draws it, and for the GPU to have run that frame. */
const CHUNK_RENDER_WAIT_MS = 300;
const CHUNK_GPU_WAIT_MS = 2_000;

/** Anchor layer: base layers are stacked below it, deck.gl layers and labels above it. */
const BASE_TOP_LAYER_ID = 'base-top';

export interface BaseMapData {
  roads: FeatureCollection;
  rivers: FeatureCollection;
}

export interface MapView {
  records: ProjectRecords;
  baseMap: BaseMapData | null;
  layers: readonly LayerSetting[];
  selection: Selection | null;
  /** A zone the zones layer leaves out because the drawing tool shows it (being edited). */
  hiddenZoneId?: string | null;
  /** Whether a click selects the feature under it (default true; off while a click adds a vertex). */
  selectOnClick?: boolean;
  /** Records of some kinds are still being read (the project streams in): not the loaded view yet. */
  partial?: boolean;
}

export interface MapCallbacks {
  onSelect(selection: Selection | null): void;
  onPointerMove(position: { longitude: number; latitude: number } | null): void;
}

function labelledCollection(records: readonly Feature[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((record, index) => ({
      ...record,
      properties: { ...record.properties, recordId: record.id, colorIndex: index },
    })),
  };
}

/**
 * The interleaved deck.gl overlay; dense layers' outlines are left out below their minimum zoom.
 * deck's own pointer picking is off (deck-events.ts): a click picks once, in handleClick.
 */
function createOverlay(): MapLibreOverlay {
  return new MapLibreOverlay({
    interleaved: true,
    layers: [],
    layerFilter: ({ layer, viewport }) => binaryLayerDrawnAt(layer.id, viewport.zoom),
  });
}

export class MapController {
  readonly map: maplibregl.Map;
  private overlay: MapLibreOverlay;
  private destroyed = false;
  /** Resolves once the base style has loaded (layers and sources may be added from then on). */
  readonly styleLoaded: Promise<void>;
  private readonly resizeObserver: ResizeObserver;
  private lastView: MapView | null = null;
  private drawing: ZoneDrawingController | null = null;
  private readonly stopListening: () => void;
  private readonly stopGating: () => void;
  /** Whether the first view, and the first complete view, have been marked (User Timing marks for the benchmark). */
  private marked = { first: false, complete: false };
  /** Whether a render listener is waiting for the style to load to send the layers again. */
  private waitingForStyle = false;
  /** The view when the map last settled, from zoom 13 on (dense layers outline the features near it). */
  private settledView: { zoom: number; bounds: readonly [number, number, number, number] } | undefined;

  constructor(container: HTMLElement, private readonly callbacks: MapCallbacks) {
    this.map = new maplibregl.Map({
      container,
      style: createBaseStyle(),
      center: [120.4, 27.5],
      zoom: 10,
      attributionControl: { compact: true, customAttribution: '样例数据：虚构县域' },
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      maxPitch: 0,
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    this.overlay = createOverlay();
    this.styleLoaded = new Promise((resolve) => {
      this.map.once('load', () => {
        this.map.addLayer({ id: BASE_TOP_LAYER_ID, type: 'background', layout: { visibility: 'none' } }, 'village-labels');
        this.map.addControl(this.overlay);
        stopDeckPointerPicking(this.map, this.overlay);
        resolve();
      });
    });
    this.map.on('click', (event) => this.handleClick(event.point));
    this.map.on('mousemove', (event) => this.callbacks.onPointerMove({ longitude: event.lngLat.lng, latitude: event.lngLat.lat }));
    this.map.on('mouseout', () => this.callbacks.onPointerMove(null));
    this.map.on('moveend', this.handleMoveEnd);
    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(container);
    container.addEventListener('webglcontextlost', this.handleContextLost, { capture: true });
    this.map.on('webglcontextrestored', this.handleContextRestored);
    // A big layer built in the background is drawn as soon as it is ready, a chunk per frame done.
    this.stopListening = onBinaryLayersBuilt(() => {
      if (this.destroyed || !this.lastView) return;
      this.resendLayers();
      this.map.triggerRepaint();
    });
    this.stopGating = gateChunkHandOvers(() => (this.destroyed ? Promise.resolve() : afterNextFrameDrawn(this.map, CHUNK_RENDER_WAIT_MS, CHUNK_GPU_WAIT_MS)));
  }

  /** See webgl-context.ts: drop the overlay and luma.gl's instrumentation while the context is gone. */
  private readonly handleContextLost = (event: Event): void => {
    if (event.target !== this.map.getCanvas()) return;
    this.map.removeControl(this.overlay);
    const gl = this.map.getCanvas().getContext('webgl2');
    if (gl) removeContextInstrumentation(gl);
  };

  /** A fresh overlay on the restored context, and every source and layer sent again. */
  private readonly handleContextRestored = (): void => {
    const finish = () => {
      if (this.destroyed) return;
      this.overlay = createOverlay();
      this.map.addControl(this.overlay);
      stopDeckPointerPicking(this.map, this.overlay);
      const view = this.lastView;
      this.lastView = null;
      if (view) void this.update(view);
    };
    if (this.map.isStyleLoaded()) finish();
    else this.map.once('style.load', finish);
  };

  /** Applies the view; resolves when the map has rendered it once (MapLibre `idle`). */
  async update(view: MapView): Promise<void> {
    await this.styleLoaded;
    const previous = this.lastView;
    this.lastView = view;
    if (previous?.records.townships !== view.records.townships) this.setSource(BASE_SOURCE_IDS.townships, labelledCollection(view.records.townships));
    if (previous?.records.villages !== view.records.villages) this.setSource(BASE_SOURCE_IDS.villages, labelledCollection(view.records.villages));
    if (view.baseMap && previous?.baseMap !== view.baseMap) {
      this.setSource(BASE_SOURCE_IDS.roads, view.baseMap.roads);
      this.setSource(BASE_SOURCE_IDS.rivers, view.baseMap.rivers);
    }
    if (previous?.layers !== view.layers) this.applyBaseLayerSettings(view.layers);
    this.overlay.setProps({ layers: this.campaignLayers(view) });
    // Changing a source leaves the style "not loaded" for a moment, and the overlay then skips
    // inserting its layer group below the labels (deck would draw over them): send the layers
    // again at the first frame the style is loaded (not at idle: while the violations stream
    // in, the map is not idle for seconds).
    if (!this.map.isStyleLoaded()) this.resendWhenStyleLoaded();
    this.map.triggerRepaint();
    if (!this.marked.first) {
      this.marked.first = true;
      void this.idle().then(() => performance.mark('onemap-first-map'));
      // The first frame submitted, and when it is on screen.
      this.map.once('render', () => {
        performance.mark('onemap-first-render');
        // Two frames later: the GPU has drawn the first one (SwiftShader compiles its shaders then).
        requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('onemap-first-frame')));
      });
    }
    if (!this.marked.complete && !view.partial) {
      this.marked.complete = true;
      void binaryLayersSettled().then(() => this.idle()).then(() => performance.mark('onemap-layers-drawn'));
    }
    // Resolves once big layers built in the background are on the map too.
    await binaryLayersSettled();
  }

  /**
   * Settled at zoom 13 or more: the area around the view (the view and one more on each side, so a
   * pan of up to a screen shows no gap before the map settles) for dense layers' near-view layers.
   */
  private readonly handleMoveEnd = (): void => {
    const zoom = this.map.getZoom();
    if (zoom < 13) {
      if (this.settledView) this.settledView = { ...this.settledView, zoom };
      return;
    }
    const bounds = this.map.getBounds();
    const [west, south, east, north] = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
    // Still inside the area settled before, on the same side of NEAR_VIEW_ZOOM: the near-view layers stay.
    const settled = this.settledView;
    if (settled && settled.zoom >= 13 && (settled.zoom >= NEAR_VIEW_ZOOM) === (zoom >= NEAR_VIEW_ZOOM) &&
      west >= settled.bounds[0] && south >= settled.bounds[1] && east <= settled.bounds[2] && north <= settled.bounds[3]) return;
    const [marginX, marginY] = [east - west, north - south];
    this.settledView = { zoom, bounds: [west - marginX, south - marginY, east + marginX, north + marginY] };
    this.resendLayers();
  };

  private resendWhenStyleLoaded(): void {
    // One watcher however many updates come meanwhile: the resend sends the latest view.
    if (this.waitingForStyle) return;
    this.waitingForStyle = true;
    const check = () => {
      if (!this.destroyed && !this.map.isStyleLoaded()) return;
      this.map.off('render', check);
      this.waitingForStyle = false;
      if (!this.destroyed) this.resendLayers();
    };
    this.map.on('render', check);
  }

  private readonly resendLayers = (): void => {
    if (this.lastView) this.overlay.setProps({ layers: this.campaignLayers(this.lastView) });
  };

  /** Resolves at the next `idle` (everything requested has been drawn). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      if (this.map.loaded() && !this.map.isMoving() && this.map.areTilesLoaded()) this.map.once('idle', () => resolve());
      else this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  fitTo(bbox: [number, number, number, number], padding = 40): void {
    this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding, animate: false });
  }

  /** The zone drawing tools of this map, created on first use (views without them never load terra-draw's layers). */
  zoneDrawing(callbacks: ZoneDrawingCallbacks): ZoneDrawingController {
    this.drawing ??= new ZoneDrawingController(this.map, this.styleLoaded, callbacks);
    return this.drawing;
  }

  destroy(): void {
    this.destroyed = true;
    this.stopListening();
    this.stopGating();
    this.drawing?.destroy();
    this.resizeObserver.disconnect();
    this.map.getContainer().removeEventListener('webglcontextlost', this.handleContextLost, { capture: true });
    this.map.off('webglcontextrestored', this.handleContextRestored);
    this.map.remove();
  }

  private setSource(id: string, data: FeatureCollection): void {
    (this.map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
  }

  private applyBaseLayerSettings(layers: readonly LayerSetting[]): void {
    for (const setting of layers) {
      if (layerGroup(setting.id) !== 'base') continue;
      for (const part of BASE_LAYER_PARTS[setting.id as BaseLayerId]) {
        this.map.setLayoutProperty(part.layerId, 'visibility', setting.visible ? 'visible' : 'none');
        this.map.setPaintProperty(part.layerId, part.opacityProperty as 'fill-opacity', part.baseOpacity * setting.opacity);
        // Labels stay above everything; other parts are stacked in panel order below the anchor.
        if (!part.layerId.endsWith('-labels')) this.map.moveLayer(part.layerId, BASE_TOP_LAYER_ID);
      }
    }
  }

  private campaignLayers(view: MapView) {
    const hiddenZoneId = view.hiddenZoneId ?? null;
    const layers = view.layers
      .filter((setting) => layerGroup(setting.id) === 'campaign')
      .flatMap((setting) => createCampaignLayers(setting.id as CampaignLayerId, view.records, setting, hiddenZoneId, this.settledView));
    const selected = view.selection?.layerId === 'zones' && view.selection.id === hiddenZoneId ? null : this.selectedFeature(view);
    return [...layers, ...createExtraLayers({ records: view.records, layers: view.layers }), createSelectionLayer(selected)];
  }

  private selectedFeature(view: MapView): Feature | null {
    const selection = view.selection;
    if (!selection || !(selection.layerId in view.records)) return null;
    const records = view.records[selection.layerId as keyof ProjectRecords] as { id: string }[];
    return (records.find((record) => record.id === selection.id) as Feature | undefined) ?? null;
  }

  /** A click on the map: the one pick of the click (deck's own pointer picking is off). */
  private handleClick(point: maplibregl.Point): void {
    if (this.lastView?.selectOnClick === false) return;
    const picked = this.overlay.pickObject({ x: point.x, y: point.y, radius: 3 });
    const object = picked?.object as Feature | undefined;
    const recordId = picked ? pickedRecordId(picked.layer, picked.index) ?? (typeof object?.id === 'string' ? object.id : null) : null;
    if (picked?.layer && recordId !== null) {
      this.callbacks.onSelect({ layerId: pickedLayerId(picked.layer) as LayerId, id: recordId });
      return;
    }
    const base = this.map.queryRenderedFeatures([point.x, point.y], { layers: ['village-fill', 'township-fill'] });
    const hit = base[0];
    const baseRecordId = hit?.properties?.['recordId'];
    if (hit && typeof baseRecordId === 'string') {
      this.callbacks.onSelect({ layerId: hit.layer.id === 'village-fill' ? 'villages' : 'townships', id: baseRecordId });
      return;
    }
    this.callbacks.onSelect(null);
  }
}
