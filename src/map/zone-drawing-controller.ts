/**
 * The zone tools on the workspace map: a terra-draw instance with the MapLibre adapter, in one of
 * four states — idle (static mode), drawing a new polygon (polygon mode), editing one polygon
 * (select mode: drag vertices, click midpoints to insert, right-click or Delete removes a vertex,
 * drag the whole polygon), or drawing a split line (linestring mode). Finished geometry goes out
 * through the callbacks in stored form; the controller never writes records itself.
 *
 * What is drawn or edited is a {@link DrawingTarget}: a zone (the default), or a land-use parcel of
 * a zone. The target only changes the wording of refusals ("地块" for "区块") and is handed back
 * with the finished geometry, so one controller serves both.
 *
 * Every finished edit is checked with the zone rules of `geo/` (the validation hook): an invalid
 * drawing is not closed, an invalid edit is reverted; both report the reason, where the boundary
 * crosses itself and the last pointer position, so the UI can show it at the spot. While a vertex
 * is dragged the crossing is allowed and reported live (`measure`), and refused when let go.
 *
 * Snapping (S toggles it) goes through terra-draw's custom snapping hook to a flatbush index of the
 * edges of the visible blocks, violations and zones (`geo/snap-index`), rebuilt lazily after the
 * records or layers changed.
 */
import type * as maplibregl from 'maplibre-gl';
import { TerraDraw, type GeoJSONStoreFeatures, type TerraDrawLineStringMode, type TerraDrawMouseEvent, type TerraDrawPolygonMode } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import { normaliseZonePolygon, ringVertices, ZONE_COORDINATE_DECIMALS } from '../geo/normalise-zone-polygon';
import { createSnapIndex, findSnapTarget, type ScreenPoint, type SnapIndex } from '../geo/snap-index';
import { acceptZonePolygon } from '../geo/validate-zone-polygon';
import { ZONE_EDIT_REASONS } from '../geo/zone-edit-result';
import { deleteZoneVertex } from '../geo/zone-vertex-edits';
import { MeasureStore, measureLine, measureRing } from './drawing-measure';
import { createDrawingModes } from './drawing-modes';

export type { DrawingMeasure } from './drawing-measure';

export type DrawingTool = 'idle' | 'polygon' | 'drawn' | 'edit' | 'line';

export interface DrawingRefusal {
  reason: string;
  /** Where the boundary crosses itself, if that is the reason. */
  location: Position | null;
  /** The last pointer position in map-container pixels, where the message is shown. */
  point: ScreenPoint | null;
}

/** What a polygon being drawn or edited is: a zone, or a land-use parcel of zone `zoneId`. */
export type DrawingTarget = { kind: 'zone' } | { kind: 'parcel'; zoneId: string };
export const ZONE_TARGET: DrawingTarget = { kind: 'zone' };

export interface ZoneDrawingCallbacks {
  onPolygonDrawn(polygon: Polygon, target: DrawingTarget): void;
  /** The edited polygon's new geometry; `zoneId` is the id given to `startEditing` (a parcel's id for a parcel). */
  onZoneGeometryEdited(zoneId: string, polygon: Polygon, target: DrawingTarget): void;
  onLineDrawn(line: LineString): void;
  onRefused(refusal: DrawingRefusal): void;
}

/** Vertices within this distance of the pointer can be deleted with Delete / right click, px. */
const VERTEX_PICK_PIXELS = 12;

let nextFeatureNumber = 0;

export class ZoneDrawingController {
  readonly measure = new MeasureStore();
  private readonly draw: TerraDraw;
  private readonly polygonMode: TerraDrawPolygonMode;
  private readonly lineMode: TerraDrawLineStringMode;
  private started: Promise<void> | null = null;
  private tool: DrawingTool = 'idle';
  private target: DrawingTarget = ZONE_TARGET;
  private editedZoneId: string | null = null;
  private committedGeometry: Polygon | null = null;
  private snappingEnabled = true;
  private snapGeometries: () => Iterable<Polygon | MultiPolygon> = () => [];
  private snapIndex: SnapIndex | null = null;
  private lastPointer: ScreenPoint | null = null;
  private readonly canvas: HTMLCanvasElement;

  constructor(
    private readonly map: maplibregl.Map,
    private readonly styleReady: Promise<void>,
    private readonly callbacks: ZoneDrawingCallbacks,
  ) {
    const modes = createDrawingModes({ snap: (event) => this.snap(event), check: (feature) => this.check(feature) });
    this.polygonMode = modes.polygon;
    this.lineMode = modes.line;
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: ZONE_COORDINATE_DECIMALS, prefixId: 'zone-draw' }),
      modes: [modes.polygon, modes.select, modes.line],
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => `drawing-${++nextFeatureNumber}` },
      tracked: false,
    });
    this.draw.on('finish', (id, context) => this.handleFinish(String(id), context.mode));
    this.draw.on('change', () => this.updateMeasure());
    this.canvas = map.getCanvas();
    this.canvas.addEventListener('pointermove', this.trackPointer);
    this.canvas.addEventListener('pointerup', this.trackPointer);
    map.on('contextmenu', this.handleContextMenu);
  }

  getTool(): DrawingTool {
    return this.tool;
  }

  /** What the current tool draws or edits. */
  getTarget(): DrawingTarget {
    return this.target;
  }

  /** The last pointer position over the map, map-container px (where refusals are shown). */
  lastPointerPosition(): ScreenPoint | null {
    return this.lastPointer;
  }

  /** The features snapping may use: read (and indexed) at the first snap after each call. */
  setSnapSource(geometries: () => Iterable<Polygon | MultiPolygon>): void {
    this.snapGeometries = geometries;
    this.snapIndex = null;
  }

  setSnapping(enabled: boolean): void {
    this.snappingEnabled = enabled;
  }

  /** Starts drawing a new zone, or parcel (clicks add vertices; Enter or a click on the first vertex closes it). */
  async startPolygon(target: DrawingTarget = ZONE_TARGET): Promise<void> {
    await this.reset('polygon');
    this.target = target;
    this.draw.setMode('polygon');
    this.canvas.focus();
  }

  /** Starts editing one zone's (or parcel's) boundary. Refuses (and stays idle) for a polygon terra-draw cannot hold. */
  async startEditing(zoneId: string, geometry: Polygon, target: DrawingTarget = ZONE_TARGET): Promise<boolean> {
    await this.reset('edit');
    this.target = target;
    const normalised = normaliseZonePolygon(geometry);
    const [result] = this.draw.addFeatures([{ type: 'Feature', id: zoneId, geometry: normalised, properties: { mode: 'polygon' } }]);
    if (!result?.valid) {
      this.tool = 'idle';
      this.refuse(normalised.coordinates.length > 1 ? ZONE_EDIT_REASONS.holesNotSupported : `无法编辑该区块：${result?.reason ?? ''}`, null);
      return false;
    }
    this.editedZoneId = zoneId;
    this.committedGeometry = normalised;
    this.draw.setMode('select');
    this.draw.selectFeature(zoneId);
    this.canvas.focus();
    this.updateMeasure();
    return true;
  }

  /** Puts the edited zone's geometry in line with the records (after undo/redo). */
  syncEditedGeometry(zoneId: string, geometry: Polygon): void {
    if (this.tool !== 'edit' || this.editedZoneId !== zoneId) return;
    if (JSON.stringify(geometry) === JSON.stringify(this.committedGeometry)) return;
    this.committedGeometry = geometry;
    this.replaceGeometry(zoneId, geometry);
  }

  /** Starts drawing a split line (Enter finishes it). */
  async startLine(): Promise<void> {
    await this.reset('line');
    this.draw.setMode('linestring');
    this.canvas.focus();
  }

  /** Removes the last vertex of the polygon or line being drawn. Returns whether a drawing tool is active. */
  undoLastVertex(): boolean {
    if (this.tool === 'polygon') this.polygonMode.undo();
    else if (this.tool === 'line') this.lineMode.undo();
    else return false;
    this.updateMeasure();
    return true;
  }

  /** Finishes the polygon or line being drawn, as Enter on the map does. */
  finishDrawing(): void {
    const key = { key: 'Enter', heldKeys: [], preventDefault: () => undefined };
    if (this.tool === 'polygon') this.polygonMode.onKeyUp(key);
    else if (this.tool === 'line') this.lineMode.onKeyUp(key);
  }

  /** Deletes the vertex of the edited zone nearest to `point` (map-container px), if one is close. */
  deleteVertexAt(point: ScreenPoint | null = this.lastPointer): void {
    if (this.tool !== 'edit' || this.editedZoneId === null || this.committedGeometry === null || point === null) return;
    const vertices = ringVertices(this.committedGeometry.coordinates[0] ?? []);
    let nearest = -1;
    let nearestDistance = VERTEX_PICK_PIXELS;
    vertices.forEach((vertex, index) => {
      const screen = this.map.project([vertex[0] as number, vertex[1] as number]);
      const distance = Math.hypot(screen.x - point.x, screen.y - point.y);
      if (distance <= nearestDistance) {
        nearest = index;
        nearestDistance = distance;
      }
    });
    if (nearest < 0) return;
    const result = deleteZoneVertex(this.committedGeometry, nearest);
    if (!result.ok) {
      this.refuse(result.reason, result.location ?? null);
      return;
    }
    this.commitEdit(this.editedZoneId, result.value);
  }

  /** Back to idle: clears what was drawn. */
  async stop(): Promise<void> {
    if (this.started === null) return;
    await this.reset('idle');
  }

  destroy(): void {
    this.canvas.removeEventListener('pointermove', this.trackPointer);
    this.canvas.removeEventListener('pointerup', this.trackPointer);
    this.map.off('contextmenu', this.handleContextMenu);
    try {
      if (this.draw.enabled) this.draw.stop();
    } catch {
      // The map is being torn down with its style; terra-draw's layers go with it.
    }
  }

  private ensureStarted(): Promise<void> {
    this.started ??= this.styleReady.then(() => {
      this.draw.start();
    });
    return this.started;
  }

  private async reset(tool: DrawingTool): Promise<void> {
    await this.ensureStarted();
    this.draw.setMode('static');
    this.draw.clear();
    this.tool = tool;
    this.target = ZONE_TARGET;
    this.editedZoneId = null;
    this.committedGeometry = null;
    this.measure.set(null);
  }

  private readonly trackPointer = (event: PointerEvent) => {
    const rect = this.canvas.getBoundingClientRect();
    this.lastPointer = { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  private readonly handleContextMenu = (event: maplibregl.MapMouseEvent) => {
    if (this.tool === 'edit') this.deleteVertexAt({ x: event.point.x, y: event.point.y });
  };

  private snap(event: TerraDrawMouseEvent): Position | undefined {
    if (!this.snappingEnabled) return undefined;
    this.snapIndex ??= createSnapIndex(this.snapGeometries());
    const projection = {
      project: (longitude: number, latitude: number) => this.map.project([longitude, latitude]),
      unproject: (x: number, y: number) => this.map.unproject([x, y]),
    };
    return findSnapTarget(this.snapIndex, { x: event.containerX, y: event.containerY }, projection)?.position;
  }

  /** The validation hook: the zone rules; a refusal is reported before terra-draw drops the update. */
  private check(feature: GeoJSONStoreFeatures): { valid: boolean; reason?: string } {
    if (feature.geometry.type !== 'Polygon') return { valid: true };
    const result = acceptZonePolygon(feature.geometry);
    if (result.ok) return { valid: true };
    this.refuse(result.reason, result.location ?? null);
    return { valid: false, reason: result.reason };
  }

  private refuse(reason: string, location: Position | null): void {
    const worded = this.target.kind === 'parcel' ? reason.replaceAll('区块', '地块') : reason;
    this.callbacks.onRefused({ reason: worded, location, point: this.lastPointer });
  }

  private handleFinish(id: string, mode: string): void {
    const feature = this.draw.getSnapshotFeature(id);
    if (!feature) return;
    if (mode === 'polygon' && this.tool === 'polygon' && feature.geometry.type === 'Polygon') {
      const result = acceptZonePolygon(feature.geometry);
      if (!result.ok) return;
      this.tool = 'drawn';
      // The drawn zone stays on the map (static mode) while its attributes are filled in.
      queueMicrotask(() => this.draw.setMode('static'));
      this.measure.set(null);
      this.callbacks.onPolygonDrawn(result.value, this.target);
    } else if (mode === 'linestring' && this.tool === 'line' && feature.geometry.type === 'LineString') {
      const line: LineString = { type: 'LineString', coordinates: feature.geometry.coordinates };
      queueMicrotask(() => void this.reset('idle'));
      this.callbacks.onLineDrawn(line);
    } else if (mode === 'select' && this.tool === 'edit' && id === this.editedZoneId && feature.geometry.type === 'Polygon') {
      this.finishEdit(id, feature.geometry);
    }
  }

  private finishEdit(zoneId: string, geometry: Polygon): void {
    const result = acceptZonePolygon(geometry);
    if (!result.ok) {
      this.refuse(result.reason, result.location ?? null);
      const committed = this.committedGeometry;
      if (committed) queueMicrotask(() => this.replaceGeometry(zoneId, committed));
      return;
    }
    if (JSON.stringify(result.value) === JSON.stringify(this.committedGeometry)) return;
    this.commitEdit(zoneId, result.value);
  }

  private commitEdit(zoneId: string, polygon: Polygon): void {
    this.committedGeometry = polygon;
    const shown = this.draw.getSnapshotFeature(zoneId)?.geometry;
    if (JSON.stringify(shown) !== JSON.stringify(polygon)) queueMicrotask(() => this.replaceGeometry(zoneId, polygon));
    this.callbacks.onZoneGeometryEdited(zoneId, polygon, this.target);
  }

  private replaceGeometry(zoneId: string, geometry: Polygon): void {
    if (!this.draw.hasFeature(zoneId)) return;
    try {
      this.draw.updateFeatureGeometry(zoneId, geometry);
    } catch (error) {
      this.refuse(`无法显示区块边界：${(error as Error).message}`, null);
    }
    this.updateMeasure();
  }

  /** Recomputes the live measure from the feature being drawn or edited. */
  private updateMeasure(): void {
    if (this.tool === 'idle' || this.tool === 'drawn') return;
    const snapshot = this.draw.getSnapshot();
    if (this.tool === 'line') {
      const line = snapshot.find((feature) => feature.geometry.type === 'LineString');
      this.measure.set(measureLine(line ? (line.geometry.coordinates as Position[]) : []));
      return;
    }
    const polygon = this.tool === 'edit' ? snapshot.find((feature) => feature.id === this.editedZoneId) : snapshot.find((feature) => feature.geometry.type === 'Polygon');
    const ring = polygon?.geometry.type === 'Polygon' ? (polygon.geometry.coordinates[0] ?? []) : [];
    this.measure.set(measureRing(this.tool, ring));
  }
}
