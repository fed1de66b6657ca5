/**
 * Wires the zone tools of the workspace: the drawing session (pure updater in `state/`), the zone
 * commands with their undo history (`state/zone-editor`), the hand edits of a zone's land-use plan
 * (`state/land-use-plan-parcels`, same history), the map's drawing controller, the keyboard
 * shortcuts and the refusal message. Decisions live in those modules; this hook only routes events
 * between them.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type Dispatch } from 'react';
import type { Position } from 'geojson';
import type { FreedLandSource, LandUseCode } from '../../domain/land-use';
import type { ZoneProperties } from '../../domain/records';
import type { ScreenPoint } from '../../geo/snap-index';
import type { MapController } from '../../map/map-controller';
import { useZoneDrawing } from '../../map/use-zone-drawing';
import type { DrawingRefusal } from '../../map/zone-drawing-controller';
import { hiddenZoneIdOf, type DrawingSession, type DrawingSessionEvent } from '../../state/drawing-session';
import { createParcel, deleteParcel, editableParcelGeometry, updateParcelCode, updateParcelGeometry } from '../../state/land-use-plan-parcels';
import type { ProjectService } from '../../state/project-service';
import type { ProjectState, Selection } from '../../state/project-state';
import { zoneEditorFor, type ZoneCommandResult } from '../../state/zone-editor';
import type { ParcelEditing } from './LandUseSection';

/** How long a refusal stays on the map, ms. */
const REFUSAL_SHOWN_MILLISECONDS = 12_000;

export interface ShownRefusal {
  reason: string;
  point: ScreenPoint | null;
  crossing: ScreenPoint | null;
}

export interface ZoneToolsOptions {
  service: ProjectService;
  state: ProjectState;
  controller: MapController | null;
  session: DrawingSession;
  dispatchSession: Dispatch<DrawingSessionEvent>;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useZoneTools({ service, state, controller, session, dispatchSession }: ZoneToolsOptions) {
  const editor = useMemo(() => zoneEditorFor(service), [service]);
  const history = useSyncExternalStore(editor.subscribe, editor.getHistory);
  const [snapping, setSnapping] = useState(true);
  const [refusal, setRefusal] = useState<ShownRefusal | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  /** The freed land chosen in the zone's land-use section, given to the first parcel drawn. */
  const parcelSourceRef = useRef<FreedLandSource | undefined>(undefined);
  const records = () => service.store.getState().records;

  const select = useCallback((selection: Selection | null) => service.store.dispatch({ type: 'selected', selection }), [service]);
  const toScreen = useCallback((location: Position | null | undefined): ScreenPoint | null => {
    if (!location || !controller) return null;
    const point = controller.map.project([location[0] as number, location[1] as number]);
    return { x: point.x, y: point.y };
  }, [controller]);

  const showRefusal = useCallback((drawn: DrawingRefusal) => {
    setRefusal({ reason: drawn.reason, point: drawn.point, crossing: toScreen(drawn.location) });
  }, [toScreen]);

  const drawingRef = useRef<ReturnType<typeof useZoneDrawing>>(null);
  /** Shows a refused command's reason at the pointer; returns whether the command succeeded. */
  const report = useCallback((result: ZoneCommandResult<unknown>): boolean => {
    if (result.ok) return true;
    showRefusal({ reason: result.reason, location: result.location ?? null, point: drawingRef.current?.lastPointerPosition() ?? null });
    return false;
  }, [showRefusal]);

  const drawing = useZoneDrawing({
    controller,
    records: state.records,
    layers: state.layers,
    excludedZoneId: hiddenZoneIdOf(session),
    excludedParcelId: session.tool === 'editingParcel' ? session.parcelId : null,
    snapping,
    callbacks: {
      onPolygonDrawn: (polygon) => {
        setRefusal(null);
        const current = sessionRef.current;
        if (current.tool !== 'drawingParcel') {
          dispatchSession({ type: 'drawFinished', polygon });
          return;
        }
        const request = { zoneId: current.zoneId, landUseCode: current.landUseCode, polygon, ...(parcelSourceRef.current ? { source: parcelSourceRef.current } : {}) };
        void createParcel(editor, records(), request).then(report);
        dispatchSession({ type: 'ended' });
      },
      onZoneGeometryEdited: (id, polygon) => {
        setRefusal(null);
        const current = sessionRef.current;
        if (current.tool === 'editingParcel' && current.parcelId === id) void updateParcelGeometry(editor, records(), id, polygon).then(report);
        else void editor.updateZoneGeometry(id, polygon).then(report);
      },
      onLineDrawn: (line) => {
        const current = sessionRef.current;
        if (current.tool !== 'splitting') return;
        void editor.splitZone(current.zoneId, line).then((result) => {
          if (report(result) && result.ok) {
            setRefusal(null);
            select({ layerId: 'zones', id: result.value[0] ?? current.zoneId });
            dispatchSession({ type: 'ended' });
          } else {
            dispatchSession({ type: 'splitStarted', zoneId: current.zoneId });
          }
        });
      },
      onRefused: showRefusal,
    },
  });
  drawingRef.current = drawing;
  const reportRef = useRef(report);
  reportRef.current = report;

  // The session drives the map tool: each new session state starts its tool once.
  useEffect(() => {
    if (!drawing) return;
    switch (session.tool) {
      case 'drawing':
        void drawing.startPolygon();
        return;
      case 'splitting':
        void drawing.startLine();
        return;
      case 'editingGeometry': {
        const zone = service.store.getState().records.zones.find((candidate) => candidate.id === session.zoneId);
        if (!zone) dispatchSession({ type: 'ended' });
        else void drawing.startEditing(zone.id, zone.geometry).then((started) => started || dispatchSession({ type: 'ended' }));
        return;
      }
      case 'drawingParcel':
        void drawing.startPolygon({ kind: 'parcel', zoneId: session.zoneId });
        return;
      case 'editingParcel': {
        const editable = editableParcelGeometry(service.store.getState().records, session.parcelId);
        if (!editable.ok) {
          reportRef.current(editable);
          dispatchSession({ type: 'ended' });
        } else {
          void drawing.startEditing(session.parcelId, editable.value, { kind: 'parcel', zoneId: session.zoneId }).then((started) => started || dispatchSession({ type: 'ended' }));
        }
        return;
      }
      case 'newZoneForm':
        return;
      default:
        void drawing.stop();
    }
  }, [drawing, session, service, dispatchSession]);

  // Records changed (an edit, undo/redo, another tab): end tools whose zone is gone, follow the edited zone.
  const zones = state.records.zones;
  useEffect(() => {
    dispatchSession({ type: 'zonesChanged', zoneIds: new Set(zones.map((zone) => zone.id)) });
    const current = sessionRef.current;
    if (current.tool !== 'editingGeometry') return;
    const zone = zones.find((candidate) => candidate.id === current.zoneId);
    if (zone) drawing?.syncEditedGeometry(zone.id, zone.geometry);
  }, [zones, drawing, dispatchSession]);

  // The same for the land-use parcel being edited.
  const parcels = state.records.landUseParcels;
  useEffect(() => {
    dispatchSession({ type: 'parcelsChanged', parcelIds: new Set(parcels.map((parcel) => parcel.id)) });
    const current = sessionRef.current;
    if (current.tool !== 'editingParcel') return;
    const parcel = parcels.find((candidate) => candidate.id === current.parcelId);
    if (parcel?.geometry.type === 'Polygon') drawing?.syncEditedGeometry(parcel.id, parcel.geometry);
  }, [parcels, drawing, dispatchSession]);

  useEffect(() => {
    if (!refusal) return undefined;
    const timer = setTimeout(() => setRefusal(null), REFUSAL_SHOWN_MILLISECONDS);
    return () => clearTimeout(timer);
  }, [refusal]);

  const selectedZoneId = state.selection?.layerId === 'zones' && zones.some((zone) => zone.id === state.selection?.id) ? state.selection.id : null;

  const toggle = (active: boolean, start: DrawingSessionEvent) => {
    setRefusal(null);
    dispatchSession(active ? { type: 'ended' } : start);
  };

  const actions = {
    drawZone: () => toggle(session.tool === 'drawing', { type: 'drawStarted' }),
    editGeometry: () => selectedZoneId && toggle(session.tool === 'editingGeometry', { type: 'geometryEditStarted', zoneId: selectedZoneId }),
    split: () => (session.tool === 'splitting' ? toggle(true, { type: 'ended' }) : selectedZoneId && toggle(false, { type: 'splitStarted', zoneId: selectedZoneId })),
    merge: () => (session.tool === 'pickingMergePartner' ? toggle(true, { type: 'ended' }) : selectedZoneId && toggle(false, { type: 'mergeStarted', zoneId: selectedZoneId })),
    editAttributes: () => selectedZoneId && toggle(false, { type: 'attributeEditStarted', zoneId: selectedZoneId }),
    deleteZone: () => {
      if (!selectedZoneId) return;
      setRefusal(null);
      // A zone whose 小微园 still has enterprises is refused; the panel then stays open.
      void editor.deleteZone(selectedZoneId).then((result) => report(result) && select(null));
    },
    undo: () => {
      if (drawing?.undoLastVertex()) return;
      setRefusal(null);
      void editor.undo().then(report);
    },
    redo: () => {
      if (session.tool === 'drawing' || session.tool === 'splitting' || session.tool === 'drawingParcel') return;
      setRefusal(null);
      void editor.redo().then(report);
    },
    toggleSnapping: () => setSnapping((current) => !current),
    /** Starts (or cancels) drawing a parcel of `zoneId` with `landUseCode`; `source` is the freed land chosen in the panel. */
    drawParcel: (zoneId: string, landUseCode: LandUseCode, source?: FreedLandSource) => {
      parcelSourceRef.current = source;
      toggle(session.tool === 'drawingParcel', { type: 'parcelDrawStarted', zoneId, landUseCode });
    },
    /** Starts (or ends) editing a parcel's boundary on the map. */
    editParcel: (zoneId: string, parcelId: string) =>
      toggle(session.tool === 'editingParcel' && session.parcelId === parcelId, { type: 'parcelEditStarted', zoneId, parcelId }),
    setParcelCode: (parcelId: string, landUseCode: LandUseCode) => {
      setRefusal(null);
      void updateParcelCode(editor, records(), parcelId, landUseCode).then(report);
    },
    deleteParcel: (parcelId: string) => {
      setRefusal(null);
      void deleteParcel(editor, records(), parcelId).then(report);
    },
    cancel: () => {
      setRefusal(null);
      dispatchSession({ type: 'ended' });
    },
    saveNewZone: (properties: ZoneProperties) => {
      if (session.tool !== 'newZoneForm') return;
      const created = editor.createZone(session.polygon, properties);
      dispatchSession({ type: 'ended' });
      void created.then((result) => report(result) && result.ok && select({ layerId: 'zones', id: result.value }));
    },
    saveAttributes: (properties: ZoneProperties) => {
      if (session.tool !== 'editingAttributes') return;
      void editor.updateZoneAttributes(session.zoneId, properties).then(report);
      dispatchSession({ type: 'ended' });
    },
    /** A map click while picking the zone to merge with: returns true when the click was used. */
    interceptSelect: (selection: Selection | null): boolean => {
      const current = sessionRef.current;
      if (current.tool !== 'pickingMergePartner') return false;
      if (selection?.layerId !== 'zones' || selection.id === current.zoneId) return true;
      void editor.mergeZones(current.zoneId, selection.id).then((result) => {
        if (!report(result)) return;
        setRefusal(null);
        select({ layerId: 'zones', id: current.zoneId });
        dispatchSession({ type: 'ended' });
      });
      return true;
    },
  };
  const actionsRef = useRef(actions);
  actionsRef.current = actions;

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target)) return;
      const current = actionsRef.current;
      const key = event.key.toLowerCase();
      const command = event.ctrlKey || event.metaKey;
      if (command && key === 'z' && !event.shiftKey) current.undo();
      else if (command && (key === 'y' || (key === 'z' && event.shiftKey))) current.redo();
      else if (key === 'escape') current.cancel();
      else if (!command && !event.altKey && key === 's') current.toggleSnapping();
      else if ((key === 'delete' || key === 'backspace') && (sessionRef.current.tool === 'editingGeometry' || sessionRef.current.tool === 'editingParcel')) drawingRef.current?.deleteVertexAt();
      else if (key === 'enter' && (sessionRef.current.tool === 'drawing' || sessionRef.current.tool === 'splitting' || sessionRef.current.tool === 'drawingParcel')) {
        // On the map canvas terra-draw finishes on key-up itself; elsewhere (focus on a button) we do.
        if (event.target === controller?.map.getCanvas()) return;
        drawingRef.current?.finishDrawing();
      }
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller]);

  const last = (list: readonly { label: string }[]) => list[list.length - 1]?.label ?? null;
  /** The parcel tools of a zone's land-use section. */
  const parcelEditingFor = (zoneId: string): ParcelEditing => ({
    parcels: parcels.filter((parcel) => parcel.properties.zoneId === zoneId),
    drawingCode: session.tool === 'drawingParcel' && session.zoneId === zoneId ? session.landUseCode : null,
    editingParcelId: session.tool === 'editingParcel' && session.zoneId === zoneId ? session.parcelId : null,
    onDraw: (landUseCode, source) => actions.drawParcel(zoneId, landUseCode, source),
    onEditGeometry: (parcelId) => actions.editParcel(zoneId, parcelId),
    onSetCode: actions.setParcelCode,
    onDelete: actions.deleteParcel,
  });
  return {
    parcelEditingFor,
    drawing,
    snapping,
    refusal,
    selectedZoneId,
    undoLabel: last(history.done),
    redoLabel: last(history.undone),
    actions,
  };
}
