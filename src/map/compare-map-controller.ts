/**
 * One map of the comparison view: the offline base style, the two epochs as MapLibre image
 * sources (raster layers above the base map's fills, roads and rivers, below boundaries, the
 * vector layers and labels) and a deck.gl overlay (interleaved) for violations, zones and change
 * patches. The view creates two of these and keeps their cameras in sync (`compare-sync.ts`); each
 * shows the epochs with the opacities it is given. Created once, fed data; it never writes state.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import { stopDeckPointerPicking } from './deck-events';
import type { Feature, FeatureCollection } from 'geojson';
import type { BoundingBox } from '../geo/bounding-box';
import { BASE_SOURCE_IDS, LOCAL_IDEOGRAPH_FONT_FAMILY, createBaseStyle } from './base-style';
import { COMPARE_LAYER_IDS, createCompareLayers, type CompareVectors } from './compare-layers';
import type { BaseMapData } from './map-controller';

maplibregl.setWorkerUrl(workerUrl);

export type EpochSlot = 'before' | 'after';

/**
 * An epoch image to show: an object URL of its bytes and the bounds it covers, or (`tiles`) an XYZ
 * tile URL template on an allowed host, limited to the bounds.
 */
export interface EpochImageSource {
  epochId: string;
  url: string;
  bounds: BoundingBox;
  tiles?: boolean;
}

export interface CompareBaseData {
  townships: readonly Feature[];
  villages: readonly Feature[];
  baseMap: BaseMapData | null;
}

export type ComparePick = { kind: 'changePatches' | 'violations' | 'zones'; id: string };

export interface CompareMapCallbacks {
  /** A click picked a feature (or nothing: null). */
  onPick(pick: ComparePick | null): void;
  /** A click on the ground while a tool draws (see `setDrawing`): [longitude, latitude]. */
  onDrawClick?(position: [number, number]): void;
  /** A double click while a tool draws (finishes the shape). */
  onDrawDoubleClick?(): void;
}

/** The raster layers are inserted below this base layer: boundaries and labels stay over the imagery. */
const IMAGERY_BELOW_LAYER_ID = 'village-line';
const SOURCE_IDS: Record<EpochSlot, string> = { before: 'epoch-before', after: 'epoch-after' };
const RASTER_LAYER_IDS: Record<EpochSlot, string> = { before: 'epoch-before-raster', after: 'epoch-after-raster' };
const PICKED_KINDS: Record<string, ComparePick['kind']> = {
  [COMPARE_LAYER_IDS.changePatches]: 'changePatches',
  [COMPARE_LAYER_IDS.violations]: 'violations',
  [COMPARE_LAYER_IDS.zones]: 'zones',
};

function labelledCollection(records: readonly Feature[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((record, index) => ({ ...record, properties: { ...record.properties, recordId: record.id, colorIndex: index } })),
  };
}

function corners([west, south, east, north]: BoundingBox): [[number, number], [number, number], [number, number], [number, number]] {
  return [[west, north], [east, north], [east, south], [west, south]];
}

export class CompareMapController {
  readonly map: maplibregl.Map;
  private readonly overlay: MapLibreOverlay;
  private readonly styleLoaded: Promise<void>;
  private readonly resizeObserver: ResizeObserver;
  private base: CompareBaseData | null = null;
  private readonly images: Record<EpochSlot, EpochImageSource | null> = { before: null, after: null };
  private opacities: Record<EpochSlot, number> = { before: 1, after: 1 };
  private drawing = false;

  constructor(container: HTMLElement, private readonly callbacks: CompareMapCallbacks) {
    this.map = new maplibregl.Map({
      container,
      style: createBaseStyle(),
      center: [120.4677, 27.5199],
      zoom: 14,
      attributionControl: { compact: true, customAttribution: '样例影像：据虚构县域数据合成' },
      localIdeographFontFamily: LOCAL_IDEOGRAPH_FONT_FAMILY,
      maxPitch: 0,
      dragRotate: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    this.styleLoaded = new Promise((resolve) => {
      this.map.once('load', () => {
        this.map.addControl(this.overlay);
        stopDeckPointerPicking(this.map, this.overlay);
        resolve();
      });
    });
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left');
    this.map.on('click', (event) => {
      if (this.drawing) this.callbacks.onDrawClick?.([event.lngLat.lng, event.lngLat.lat]);
      else this.handleClick(event.point);
    });
    this.map.on('dblclick', (event) => {
      if (!this.drawing) return;
      event.preventDefault();
      this.callbacks.onDrawDoubleClick?.();
    });
    // The camera and the ground shown, on the container, so anyone (a test, a screen reader
    // tool) can check that the two maps agree without reaching into MapLibre.
    const describeCamera = () => {
      const center = this.map.getCenter();
      const bounds = this.visibleBounds();
      container.dataset['camera'] = `${center.lng.toFixed(9)},${center.lat.toFixed(9)},${this.map.getZoom().toFixed(6)}`;
      container.dataset['bounds'] = bounds.map((value) => value.toFixed(9)).join(',');
    };
    this.map.on('move', describeCamera);
    this.map.on('resize', describeCamera);
    this.map.once('load', describeCamera);
    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(container);
  }

  /** Township and village boundaries and the base map; only what changed is re-sent. */
  async setBase(base: CompareBaseData): Promise<void> {
    await this.styleLoaded;
    const previous = this.base;
    this.base = base;
    if (previous?.townships !== base.townships) this.setSource(BASE_SOURCE_IDS.townships, labelledCollection(base.townships));
    if (previous?.villages !== base.villages) this.setSource(BASE_SOURCE_IDS.villages, labelledCollection(base.villages));
    if (base.baseMap && previous?.baseMap !== base.baseMap) {
      this.setSource(BASE_SOURCE_IDS.roads, base.baseMap.roads);
      this.setSource(BASE_SOURCE_IDS.rivers, base.baseMap.rivers);
    }
  }

  /** Shows an epoch image in a slot (null removes it). The earlier slot is drawn below the later one. */
  async setImage(slot: EpochSlot, image: EpochImageSource | null): Promise<void> {
    await this.styleLoaded;
    const previous = this.images[slot];
    if (previous?.url === image?.url && previous?.epochId === image?.epochId) return;
    this.images[slot] = image;
    const sourceId = SOURCE_IDS[slot];
    const layerId = RASTER_LAYER_IDS[slot];
    if (!image) {
      if (this.map.getLayer(layerId)) this.map.removeLayer(layerId);
      if (this.map.getSource(sourceId)) this.map.removeSource(sourceId);
      return;
    }
    const existing = this.map.getSource(sourceId);
    if (existing && existing.type === 'image' && !image.tiles) {
      (existing as maplibregl.ImageSource).updateImage({ url: image.url, coordinates: corners(image.bounds) });
      return;
    }
    if (existing) {
      if (this.map.getLayer(layerId)) this.map.removeLayer(layerId);
      this.map.removeSource(sourceId);
    }
    if (image.tiles) this.map.addSource(sourceId, { type: 'raster', tiles: [image.url], tileSize: 256, bounds: image.bounds, maxzoom: 19 });
    else this.map.addSource(sourceId, { type: 'image', url: image.url, coordinates: corners(image.bounds) });
    const below = slot === 'before' && this.map.getLayer(RASTER_LAYER_IDS.after) ? RASTER_LAYER_IDS.after : IMAGERY_BELOW_LAYER_ID;
    this.map.addLayer(
      {
        id: layerId, type: 'raster', source: sourceId,
        layout: { visibility: this.opacities[slot] > 0 ? 'visible' : 'none' },
        paint: { 'raster-opacity': this.opacities[slot], 'raster-fade-duration': 0 },
      },
      below,
    );
  }

  /** Opacity of each slot's image, 0…1 (0 hides it); images added later get it too. */
  setOpacities(opacities: Record<EpochSlot, number>): void {
    this.opacities = { before: Math.min(1, Math.max(0, opacities.before)), after: Math.min(1, Math.max(0, opacities.after)) };
    for (const slot of ['before', 'after'] as const) {
      const layerId = RASTER_LAYER_IDS[slot];
      if (!this.map.getLayer(layerId)) continue;
      this.map.setPaintProperty(layerId, 'raster-opacity', this.opacities[slot]);
      this.map.setLayoutProperty(layerId, 'visibility', this.opacities[slot] > 0 ? 'visible' : 'none');
    }
  }

  async setVectors(vectors: CompareVectors): Promise<void> {
    await this.styleLoaded;
    this.overlay.setProps({ layers: createCompareLayers(vectors) });
    this.map.triggerRepaint();
  }

  /** Resolves at the next `idle` (the images and everything else requested have been drawn). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  /** While a tool draws, clicks go to `onDrawClick` (not picking) and a double click does not zoom. */
  setDrawing(drawing: boolean): void {
    this.drawing = drawing;
    if (drawing) this.map.doubleClickZoom.disable();
    else this.map.doubleClickZoom.enable();
    this.map.getCanvas().style.cursor = drawing ? 'crosshair' : '';
  }

  fitTo(bbox: BoundingBox, padding = 40): void {
    this.map.fitBounds([[bbox[0], bbox[1]], [bbox[2], bbox[3]]], { padding, animate: false });
  }

  /** The ground the map shows, [west, south, east, north]. */
  visibleBounds(): BoundingBox {
    const bounds = this.map.getBounds();
    return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()];
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.map.remove();
  }

  private setSource(id: string, data: FeatureCollection): void {
    (this.map.getSource(id) as maplibregl.GeoJSONSource | undefined)?.setData(data);
  }

  private handleClick(point: maplibregl.Point): void {
    const picked = this.overlay.pickObject({ x: point.x, y: point.y, radius: 3 });
    const object = picked?.object as Feature | undefined;
    const kind = picked?.layer ? PICKED_KINDS[picked.layer.id] : undefined;
    if (kind && object && typeof object.id === 'string') this.callbacks.onPick({ kind, id: object.id });
    else this.callbacks.onPick(null);
  }
}
