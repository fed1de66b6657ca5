/**
 * terra-draw styles of the zone tools: plain hex colours and pixel sizes only, so the drawing
 * layers need no sprite, glyph or marker image (nothing is fetched; the app runs offline).
 * Colours follow the zones layer (magenta) with a cyan snapping point and a teal split line.
 */
import type { HexColor } from 'terra-draw';

const ZONE: HexColor = '#d81b60';
const ZONE_DARK: HexColor = '#ad1457';
const WHITE: HexColor = '#ffffff';
const SNAP: HexColor = '#00e5ff';
const SNAP_DARK: HexColor = '#006064';
const SPLIT: HexColor = '#00838f';

export const POLYGON_DRAWING_STYLES = {
  fillColor: ZONE,
  fillOpacity: 0.15,
  outlineColor: ZONE,
  outlineWidth: 2,
  closingPointColor: WHITE,
  closingPointWidth: 5,
  closingPointOutlineColor: ZONE,
  closingPointOutlineWidth: 2,
  snappingPointColor: SNAP,
  snappingPointWidth: 5,
  snappingPointOutlineColor: SNAP_DARK,
  snappingPointOutlineWidth: 2,
  coordinatePointColor: WHITE,
  coordinatePointWidth: 4,
  coordinatePointOutlineColor: ZONE,
  coordinatePointOutlineWidth: 2,
} as const;

export const ZONE_EDITING_STYLES = {
  selectedPolygonColor: ZONE,
  selectedPolygonFillOpacity: 0.2,
  selectedPolygonOutlineColor: ZONE_DARK,
  selectedPolygonOutlineWidth: 3,
  selectionPointColor: WHITE,
  selectionPointWidth: 6,
  selectionPointOutlineColor: ZONE_DARK,
  selectionPointOutlineWidth: 2,
  midPointColor: '#f8bbd0' as HexColor,
  midPointWidth: 4,
  midPointOutlineColor: ZONE_DARK,
  midPointOutlineWidth: 1,
} as const;

export const SPLIT_LINE_STYLES = {
  lineStringColor: SPLIT,
  lineStringWidth: 3,
  closingPointColor: WHITE,
  closingPointWidth: 5,
  closingPointOutlineColor: SPLIT,
  closingPointOutlineWidth: 2,
  snappingPointColor: SNAP,
  snappingPointWidth: 5,
  snappingPointOutlineColor: SNAP_DARK,
  snappingPointOutlineWidth: 2,
  coordinatePointColor: WHITE,
  coordinatePointWidth: 4,
  coordinatePointOutlineColor: SPLIT,
  coordinatePointOutlineWidth: 2,
} as const;
