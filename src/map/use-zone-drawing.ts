/**
 * The zone drawing tools of a map controller for a React view: created once per controller, with
 * callbacks that always reach the latest props, and fed the features snapping may use.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { MultiPolygon, Polygon } from 'geojson';
import type { LayerSetting } from '../state/layer-settings';
import type { ProjectRecords } from '../state/project-state';
import type { MapController } from './map-controller';
import type { ZoneDrawingCallbacks, ZoneDrawingController } from './zone-drawing-controller';

/** Layers whose outlines one can snap to (parcels and control lines help drawing a plan). */
const SNAP_LAYERS = ['villageBlocks', 'industrialBlocks', 'violations', 'zones', 'landUseParcels', 'redLines'] as const;

/** The geometries of the visible snapping layers, without the zone (or parcel) being edited. */
export function* snapGeometriesOf(records: ProjectRecords, layers: readonly LayerSetting[], excludedZoneId: string | null, excludedParcelId: string | null = null): Generator<Polygon | MultiPolygon> {
  for (const layerId of SNAP_LAYERS) {
    if (!layers.find((layer) => layer.id === layerId)?.visible) continue;
    for (const record of records[layerId]) {
      if (layerId === 'zones' && record.id === excludedZoneId) continue;
      if (layerId === 'landUseParcels' && record.id === excludedParcelId) continue;
      yield record.geometry;
    }
  }
}

export interface ZoneDrawingOptions {
  controller: MapController | null;
  callbacks: ZoneDrawingCallbacks;
  records: ProjectRecords;
  layers: readonly LayerSetting[];
  excludedZoneId: string | null;
  /** The parcel being edited, left out of snapping. */
  excludedParcelId?: string | null;
  snapping: boolean;
}

export function useZoneDrawing(options: ZoneDrawingOptions): ZoneDrawingController | null {
  const callbacksRef = useRef(options.callbacks);
  callbacksRef.current = options.callbacks;
  const { controller, records, layers, excludedZoneId, snapping } = options;
  const excludedParcelId = options.excludedParcelId ?? null;

  const drawing = useMemo(
    () =>
      controller?.zoneDrawing({
        onPolygonDrawn: (polygon, target) => callbacksRef.current.onPolygonDrawn(polygon, target),
        onZoneGeometryEdited: (zoneId, polygon, target) => callbacksRef.current.onZoneGeometryEdited(zoneId, polygon, target),
        onLineDrawn: (line) => callbacksRef.current.onLineDrawn(line),
        onRefused: (refusal) => callbacksRef.current.onRefused(refusal),
      }) ?? null,
    [controller],
  );

  useEffect(() => {
    drawing?.setSnapSource(() => snapGeometriesOf(records, layers, excludedZoneId, excludedParcelId));
  }, [drawing, records, layers, excludedZoneId, excludedParcelId]);

  useEffect(() => {
    drawing?.setSnapping(snapping);
  }, [drawing, snapping]);

  return drawing;
}
