/**
 * Wires the zone tools of the workspace: the drawing session (pure updater in `state/`), the zone
 * commands with their undo history (`state/zone-editor`), the map's drawing controller, the
 * keyboard shortcuts and the refusal message. Decisions live in those modules; this hook only
 * routes events between them.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type Dispatch } from 'react';
import type { Position } from 'geojson';
import type { ZoneProperties } from '../../domain/records';
import type { ScreenPoint } from '../../geo/snap-index';
import type { MapController } from '../../map/map-controller';
import { useZoneDrawing } from '../../map/use-zone-drawing';
import type { DrawingRefusal } from '../../map/zone-drawing-controller';
import { hiddenZoneIdOf, type DrawingSession, type DrawingSessionEvent } from '../../state/drawing-session';
import type { ProjectService } from '../../state/project-service';
import type { ProjectState, Selection } from '../../state/project-state';
import { zoneEditorFor, type ZoneCommandResult } from '../../state/zone-editor';

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
    snapping,
    callbacks: {
      onPolygonDrawn: (polygon) => {
        setRefusal(null);
        dispatchSession({ type: 'drawFinished', polygon });
      },
      onZoneGeometryEdited: (zoneId, polygon) => {
        setRefusal(null);
        void editor.updateZoneGeometry(zoneId, polygon).then(report);
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
      select(null);
      void editor.deleteZone(selectedZoneId).then(report);
    },
    undo: () => {
      if (drawing?.undoLastVertex()) return;
      setRefusal(null);
      void editor.undo().then(report);
    },
    redo: () => {
      if (session.tool === 'drawing' || session.tool === 'splitting') return;
      setRefusal(null);
      void editor.redo().then(report);
    },
    toggleSnapping: () => setSnapping((current) => !current),
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
      else if ((key === 'delete' || key === 'backspace') && sessionRef.current.tool === 'editingGeometry') drawingRef.current?.deleteVertexAt();
      else if (key === 'enter' && (sessionRef.current.tool === 'drawing' || sessionRef.current.tool === 'splitting')) {
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
  return {
    drawing,
    snapping,
    refusal,
    selectedZoneId,
    undoLabel: last(history.done),
    redoLabel: last(history.undone),
    actions,
  };
}
