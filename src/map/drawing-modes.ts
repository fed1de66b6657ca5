/**
 * The terra-draw modes of the zone tools and their options: polygon (a new zone), select (editing
 * one zone) and linestring (a split line). Escape is left to the workspace (one cancel path for
 * every tool); Enter finishes a drawing; the select mode's own keys (delete the whole feature,
 * deselect) are off, and vertices are removed by the controller (right click, Delete).
 */
import {
  TerraDrawLineStringMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type TerraDrawMouseEvent,
} from 'terra-draw';
import type { Position } from 'geojson';
import { POLYGON_DRAWING_STYLES, SPLIT_LINE_STYLES, ZONE_EDITING_STYLES } from './drawing-styles';

/** Pointer distance for closing a ring, grabbing a vertex or a midpoint, px. */
const POINTER_DISTANCE_PIXELS = 20;

export interface DrawingModeHooks {
  /** Custom snapping: the snapped position for a pointer event, or undefined. */
  snap(event: TerraDrawMouseEvent): Position | undefined;
  /** The zone rules; called for finished geometry only. */
  check(feature: GeoJSONStoreFeatures): { valid: boolean; reason?: string };
}

export interface DrawingModes {
  polygon: TerraDrawPolygonMode;
  select: TerraDrawSelectMode;
  line: TerraDrawLineStringMode;
}

/** terra-draw's update types are a string enum that its package does not export. */
function isFinished(updateType: unknown): boolean {
  return String(updateType) === 'finish';
}

function isProvisional(updateType: unknown): boolean {
  return String(updateType) === 'provisional';
}

export function createDrawingModes(hooks: DrawingModeHooks): DrawingModes {
  const snapping = { toCustom: (event: TerraDrawMouseEvent) => hooks.snap(event) };
  const polygon = new TerraDrawPolygonMode({
    snapping,
    pointerDistance: POINTER_DISTANCE_PIXELS,
    showCoordinatePoints: true,
    keyEvents: { cancel: null, finish: 'Enter' },
    // While drawing, the ring through the pointer may cross itself for a moment; only the closed zone must not.
    validation: (feature, context) => (isFinished(context.updateType) ? hooks.check(feature) : { valid: true }),
    styles: POLYGON_DRAWING_STYLES,
  });
  const line = new TerraDrawLineStringMode({
    snapping,
    pointerDistance: POINTER_DISTANCE_PIXELS,
    showCoordinatePoints: true,
    keyEvents: { cancel: null, finish: 'Enter' },
    styles: SPLIT_LINE_STYLES,
  });
  const select = new TerraDrawSelectMode({
    pointerDistance: POINTER_DISTANCE_PIXELS,
    // Every pointer move counts, so a vertex ends exactly where it was let go.
    dragEventThrottle: 0,
    allowManualSelection: false,
    allowManualDeselection: false,
    keyEvents: null,
    styles: ZONE_EDITING_STYLES,
    flags: {
      polygon: {
        feature: {
          draggable: true,
          // Crossing is allowed while dragging (shown live) and refused when the drag ends.
          selfIntersectable: true,
          validation: (feature, context) => (isProvisional(context.updateType) ? { valid: true } : hooks.check(feature)),
          coordinates: { draggable: true, midpoints: true, deletable: false, snappable: snapping },
        },
      },
    },
  });
  return { polygon, select, line };
}
