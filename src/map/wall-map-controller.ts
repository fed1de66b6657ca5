/**
 * The imperative map of the wall screen: one MapLibre map with the dark offline style and a
 * deck.gl overlay (interleaved) for the hotspot cells. Created once per view and fed data; store
 * updates change sources and layers in place, never the map itself. Not interactive: the tour
 * moves the camera.
 *
 * WebGL context loss: MapLibre rebuilds its painter and style by itself on
 * `webglcontextrestored`, but the interleaved deck.gl overlay shares MapLibre's context, and its
 * GPU resources (buffers, programs) died with the old context. luma.gl also instruments the shared
 * context (state-caching spies on `gl.enable`, `gl.blendFunc` …, and `gl.luma` / `gl.lumaState`)
 * whose caches would now be wrong for both libraries — a cached "already enabled" makes the spy
 * skip the real call. So on loss the overlay is removed and the instrumentation taken off the
 * context; on restore a new overlay (a new luma.gl device on the restored context) is added and
 * fed the last layers and sources again.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { stopDeckPointerPicking } from './deck-events';
import type { Feature, FeatureCollection } from 'geojson';
import type { BoundingBox } from '../geo/bounding-box';
import { BASE_SOURCE_IDS, LOCAL_IDEOGRAPH_FONT_FAMILY } from './base-style';
import type { BaseMapData } from './map-controller';
import { onBinaryLayersBuilt } from './binary-layers';
import { createWallLayers, type WallLayerInput } from './wall-layers';
import { createWallStyle, wallScaledProperties } from './wall-style';
import { removeContextInstrumentation } from './webgl-context';

maplibregl.setWorkerUrl(workerUrl);

export interface WallBoundaries {
  townships: readonly Feature[];
  villages: readonly Feature[];
  baseMap: BaseMapData | null;
}

export interface WallMapCallbacks {
  /** The WebGL context was lost (the map shows nothing until it is restored). */
  onContextLost(): void;
  /** The context is back and the map and overlay draw again. */
  onContextRestored(): void;
}

function labelledCollection(records: readonly Feature[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((record, index) => ({ ...record, properties: { ...record.properties, recordId: record.id, colorIndex: index } })),
  };
}

export class WallMapController {
  readonly map: maplibregl.Map;
  private overlay: MapLibreOverlay | null = null;
  private readonly styleLoaded: Promise<void>;
  private readonly resizeObserver: ResizeObserver;
  private layerInput: WallLayerInput | null = null;
  private boundaries: WallBoundaries | null = null;
  private contextLost = false;
  private destroyed = false;
  /** Stops listening for footprint builds finished in the background. */
  private readonly stopListening: () => void;

  constructor(container: HTMLElement, private readonly callbacks: WallMapCallbacks, private scale: number) {
    this.map = new maplibregl.Map({
      container,
      style: createWallStyle(scale),
      center: [120.4, 27.5],
      zoom: 10,
      interactive: false,
      attributionControl: { compact: true, customAttribution: '样例数据：虚构县域' },
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      maxPitch: 0,
      fadeDuration: 0,
    });
    this.styleLoaded = new Promise((resolve) => {
      this.map.once('load', () => {
        this.attachOverlay();
        resolve();
      });
    });
    // Capture phase on the container: runs before MapLibre's own listener on the canvas, so the
    // overlay's layers leave the style while it still exists (MapLibre then destroys the style).
    container.addEventListener('webglcontextlost', this.handleContextLost, { capture: true });
    this.map.on('webglcontextrestored', this.handleContextRestored);
    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(container);
    this.stopListening = onBinaryLayersBuilt(() => {
      if (this.destroyed) return;
      this.resendLayers();
      this.map.triggerRepaint();
    });
  }

  /** Township and village boundaries and the base map; only what changed is re-sent. */
  async setBoundaries(boundaries: WallBoundaries): Promise<void> {
    await this.styleLoaded;
    const previous = this.boundaries;
    this.boundaries = boundaries;
    if (previous?.townships !== boundaries.townships) this.setSource(BASE_SOURCE_IDS.townships, labelledCollection(boundaries.townships));
    if (previous?.villages !== boundaries.villages) this.setSource(BASE_SOURCE_IDS.villages, labelledCollection(boundaries.villages));
    if (boundaries.baseMap && previous?.baseMap !== boundaries.baseMap) {
      this.setSource(BASE_SOURCE_IDS.roads, boundaries.baseMap.roads);
      this.setSource(BASE_SOURCE_IDS.rivers, boundaries.baseMap.rivers);
    }
  }

  /** The hotspot cells and the highlighted one. */
  async setLayers(input: WallLayerInput): Promise<void> {
    await this.styleLoaded;
    this.layerInput = input;
    this.overlay?.setProps({ layers: createWallLayers(input) });
    // The overlay adds its MapLibre layer group (which puts the cells below the labels) only while
    // the style reports loaded; right after setData it doesn't, and deck would then draw the cells
    // on top of everything. Re-send the layers once the map has settled.
    if (!this.map.isStyleLoaded()) this.map.once('idle', this.resendLayers);
    this.map.triggerRepaint();
  }

  /** Text and line sizes for a new screen height (1 at 1080 px). */
  setScale(scale: number): void {
    if (scale === this.scale || !this.map.isStyleLoaded()) return;
    this.scale = scale;
    for (const change of wallScaledProperties(scale)) {
      if (change.kind === 'paint') this.map.setPaintProperty(change.layerId, change.property as 'line-width', change.value as number);
      else this.map.setLayoutProperty(change.layerId, change.property as 'text-size', change.value as number);
    }
    if (this.layerInput) void this.setLayers({ ...this.layerInput, scale });
  }

  /** Moves the camera to show `bbox` (animated unless `durationMilliseconds` is 0). */
  showBounds(bbox: BoundingBox, options: { paddingPixels: number; durationMilliseconds: number; maxZoom?: number }): void {
    const bounds: [[number, number], [number, number]] = [[bbox[0], bbox[1]], [bbox[2], bbox[3]]];
    const padding = Math.min(options.paddingPixels, this.map.getContainer().clientWidth / 4, this.map.getContainer().clientHeight / 4);
    if (options.durationMilliseconds <= 0) {
      this.map.fitBounds(bounds, { padding, animate: false, maxZoom: options.maxZoom ?? 16 });
      return;
    }
    const camera = this.map.cameraForBounds(bounds, { padding, maxZoom: options.maxZoom ?? 16 });
    if (!camera) return;
    this.map.flyTo({ ...camera, duration: options.durationMilliseconds, essential: true, curve: 1.2 });
  }

  /** Resolves at the next `idle` (everything requested has been drawn). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  get isContextLost(): boolean {
    return this.contextLost;
  }

  destroy(): void {
    this.destroyed = true;
    this.stopListening();
    this.resizeObserver.disconnect();
    this.map.getContainer().removeEventListener('webglcontextlost', this.handleContextLost, { capture: true });
    this.map.off('webglcontextrestored', this.handleContextRestored);
    this.map.remove();
  }

  private attachOverlay(): void {
    this.overlay = new MapLibreOverlay({ interleaved: true, layers: this.layerInput ? createWallLayers(this.layerInput) : [] });
    this.map.addControl(this.overlay);
    stopDeckPointerPicking(this.map, this.overlay);
    if (!this.map.isStyleLoaded()) this.map.once('idle', this.resendLayers);
  }

  private readonly resendLayers = (): void => {
    if (this.layerInput && this.overlay) this.overlay.setProps({ layers: createWallLayers(this.layerInput) });
  };

  private setSource(id: string, data: FeatureCollection): void {
    (this.map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
  }

  private readonly handleContextLost = (event: Event): void => {
    if (event.target !== this.map.getCanvas()) return;
    this.contextLost = true;
    // While the context is lost every GL call is a no-op, so finalising deck's resources is safe.
    if (this.overlay) {
      this.map.removeControl(this.overlay);
      this.overlay = null;
    }
    const gl = this.map.getCanvas().getContext('webgl2');
    if (gl) removeContextInstrumentation(gl);
    this.callbacks.onContextLost();
  };

  private readonly handleContextRestored = (): void => {
    const finish = () => {
      if (this.destroyed) return;
      const boundaries = this.boundaries;
      this.boundaries = null;
      if (boundaries) void this.setBoundaries(boundaries);
      this.attachOverlay();
      this.contextLost = false;
      this.map.triggerRepaint();
      this.callbacks.onContextRestored();
    };
    // MapLibre re-applies its style snapshot; the overlay needs the loaded style to add its layers.
    if (this.map.isStyleLoaded()) finish();
    else this.map.once('style.load', finish);
  };
}
