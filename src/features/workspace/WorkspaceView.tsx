/**
 * The planning map workspace (#/): layer panel, map with the zone tools, attribute panel (or the
 * zone attribute form), coordinates and scale.
 */
import { useMemo, useReducer, useState, useSyncExternalStore } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FreedLandSource, LandUseShare } from '../../domain/land-use';
import { boundingBoxOf } from '../../geo/bounding-box';
import { ellipsoidalAreaSquareMeters } from '../../geo/ellipsoidal-area';
import type { BaseMapData, MapView } from '../../map/map-controller';
import { useMapController } from '../../map/use-map-controller';
import { useImportPreviewLayer } from '../../map/import-preview-layer';
import { hiddenZoneIdOf, IDLE_SESSION, mapClickSelects, updateDrawingSession } from '../../state/drawing-session';
import { selectFeatureDetails } from '../../state/feature-details';
import { createPlanByShares, selectLandUseRollup, selectZoneLandUse } from '../../state/land-use-plan';
import { allocateEnterpriseToSite, releaseEnterpriseFromSite, selectParkAllocation } from '../../state/park-allocation-commands';
import type { ProjectService } from '../../state/project-service';
import { hasDrawableRecords, type Selection } from '../../state/project-state';
import { advanceViolationStatus } from '../../state/violation-commands';
import { defaultZoneAttributeInput, zoneAttributeInputOf } from '../../state/zone-attributes';
import { selectTownshipContaining, selectZoneDetails } from '../../state/zone-details';
import { selectFiguresOfZone } from '../../state/zone-statistics';
import { zoneEditorFor } from '../../state/zone-editor';
import { CoordinateReadout, type PointerPosition } from '../../ui/CoordinateReadout';
import { DrawingToolbar } from './DrawingToolbar';
import { FeaturePanel } from './FeaturePanel';
import { isDangerAlarm } from '../../domain/dangerous-buildings';
import { LandUseSection } from './LandUseSection';
import { ParkFiguresLine, ParkSiteSection } from './ParkSiteSection';
import { LayerPanel } from './LayerPanel';
import { LoadProgressChip } from './LoadProgressChip';
import { RefusalMessage } from './RefusalMessage';
import { useZoneTools } from './use-zone-tools';
import { ZoneForm } from './ZoneForm';
import './drawing.css';

export interface WorkspaceViewProps {
  service: ProjectService;
  baseMap: BaseMapData | null;
  /** Called once the loaded county has been drawn (MapLibre idle). */
  onMapReady(map: MapLibreMap): void;
}

export function WorkspaceView({ service, baseMap, onMapReady }: WorkspaceViewProps) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const statistics = useSyncExternalStore(service.statistics.subscribe, service.statistics.getSnapshot);
  const [pointer, setPointer] = useState<PointerPosition | null>(null);
  const [panelError, setPanelError] = useState<string | null>(null);
  const [session, dispatchSession] = useReducer(updateDrawingSession, IDLE_SESSION);

  const hiddenZoneId = hiddenZoneIdOf(session);
  const selectOnClick = mapClickSelects(session);
  // The small layers are drawn while the violations stream in; a click selects only once all is read.
  const drawable = hasDrawableRecords(state);
  const complete = state.phase === 'ready';
  const view = useMemo<MapView | null>(
    () => (drawable
      ? { records: state.records, baseMap, layers: state.layers, selection: state.selection, hiddenZoneId, selectOnClick: selectOnClick && complete, partial: !complete }
      : null),
    [drawable, complete, state.records, state.layers, state.selection, baseMap, hiddenZoneId, selectOnClick],
  );
  const initialBounds = useMemo(() => boundingBoxOf(state.records.townships), [state.records.townships]);
  const details = useMemo(() => selectFeatureDetails(state), [state]);
  const townships = useMemo(() => state.records.townships.map((township) => ({ id: township.id, name: township.properties.name })), [state.records.townships]);

  const onSelect = (selection: Selection | null) => {
    if (tools.actions.interceptSelect(selection)) return;
    setPanelError(null);
    service.store.dispatch({ type: 'selected', selection });
  };
  const { containerRef, controller } = useMapController({
    view,
    initialBounds,
    callbacks: { onSelect, onPointerMove: setPointer },
    onFirstRender: (mapController) => onMapReady(mapController.map),
  });
  const tools = useZoneTools({ service, state, controller, session, dispatchSession });
  useImportPreviewLayer(controller);

  const zoneDetails = useMemo(
    () => (tools.selectedZoneId ? selectZoneDetails(state.records, tools.selectedZoneId, selectFiguresOfZone(state.records, statistics, tools.selectedZoneId)) : null),
    [state.records, statistics, tools.selectedZoneId],
  );
  const zoneLandUse = useMemo(
    () => (tools.selectedZoneId ? selectZoneLandUse(state.records, tools.selectedZoneId) : null),
    [state.records, tools.selectedZoneId],
  );
  const landUseRollup = useMemo(() => selectLandUseRollup(state.records), [state.records]);
  const selectedTownshipId = state.records.zones.find((zone) => zone.id === tools.selectedZoneId)?.properties.townshipId;
  const parkSummary = useMemo(() => selectParkAllocation(state.records, service.now().getFullYear()), [state.records, service]);
  const zoneParkFigures = tools.selectedZoneId ? parkSummary.zones.find((zone) => zone.id === tools.selectedZoneId) ?? null : null;
  const generatePlan = async (zoneId: string, source: FreedLandSource, shares: LandUseShare[]) => {
    const result = await createPlanByShares(zoneEditorFor(service), service.store.getState().records, { zoneId, source, shares });
    return result.ok ? null : result.reason;
  };
  const allocate = async (enterpriseId: string, siteId: string) => {
    const result = await allocateEnterpriseToSite(service, enterpriseId, siteId);
    return result.ok ? null : result.reason;
  };
  const newZone = useMemo(() => {
    if (session.tool !== 'newZoneForm') return null;
    const townshipId = selectTownshipContaining(state.records, session.polygon) ?? '';
    return { initial: defaultZoneAttributeInput(townshipId), areaSquareMeters: ellipsoidalAreaSquareMeters(session.polygon) };
  }, [session, state.records]);
  const editedZone = session.tool === 'editingAttributes' ? state.records.zones.find((zone) => zone.id === session.zoneId) ?? null : null;

  return (
    <div className="workspace">
      <LayerPanel
        layers={state.layers}
        onVisibleChange={(layerId, visible) => void service.setLayerVisible(layerId, visible).catch(() => undefined)}
        onOpacityChange={(layerId, opacity) => void service.setLayerOpacity(layerId, opacity).catch(() => undefined)}
        onMove={(layerId, direction) => void service.moveLayer(layerId, direction).catch(() => undefined)}
      />
      <main className="map-area">
        <div className="map-container" data-testid="map-container" ref={containerRef} />
        {state.phase === 'ready' && (
          <DrawingToolbar
            session={session}
            selectedZoneId={tools.selectedZoneId}
            undoLabel={tools.undoLabel}
            redoLabel={tools.redoLabel}
            snapping={tools.snapping}
            measure={tools.drawing?.measure ?? null}
            refusal={tools.refusal?.reason ?? null}
            onDrawZone={tools.actions.drawZone}
            onEditGeometry={tools.actions.editGeometry}
            onSplit={tools.actions.split}
            onMerge={tools.actions.merge}
            onDelete={tools.actions.deleteZone}
            onUndo={tools.actions.undo}
            onRedo={tools.actions.redo}
            onToggleSnapping={tools.actions.toggleSnapping}
          />
        )}
        {tools.refusal && <RefusalMessage reason={tools.refusal.reason} point={tools.refusal.point} crossing={tools.refusal.crossing} />}
        <CoordinateReadout position={pointer} />
        {state.phase === 'loading' && !state.loading && <div className="map-message">正在载入县域数据…</div>}
        {state.loading && <LoadProgressChip progress={state.loading} />}
        {state.phase === 'failed' && state.loadFailure && (
          <div className="map-message error" role="alert">无法打开本地数据库：{state.loadFailure.message}</div>
        )}
      </main>
      {newZone ? (
        <ZoneForm
          key="new-zone"
          title="新建改造区块"
          initial={newZone.initial}
          townships={townships}
          areaSquareMeters={newZone.areaSquareMeters}
          onSave={tools.actions.saveNewZone}
          onCancel={tools.actions.cancel}
        />
      ) : editedZone ? (
        <ZoneForm
          key={`edit-${editedZone.id}`}
          title={`修改属性：${editedZone.properties.name}`}
          initial={zoneAttributeInputOf(editedZone.properties)}
          townships={townships}
          areaSquareMeters={null}
          onSave={tools.actions.saveAttributes}
          onCancel={tools.actions.cancel}
        />
      ) : (
        details && (
          <FeaturePanel
            key={`${details.layerId}/${details.id}`}
            details={details}
            service={service}
            zoneDetails={details.layerId === 'zones' ? zoneDetails : null}
            error={panelError ?? (details.layerId === 'zones' ? tools.refusal?.reason ?? null : null)}
            onClose={() => onSelect(null)}
            onAdvanceStatus={(to) => void advanceViolationStatus(service, details.id, to).then(setPanelError)}
            onEditZoneAttributes={tools.actions.editAttributes}
          >
            {details.layerId === 'zones' && zoneLandUse && (
              <LandUseSection
                plan={zoneLandUse}
                township={landUseRollup.townships.find((township) => township.id === selectedTownshipId) ?? null}
                county={landUseRollup.county}
                onGenerate={(source, shares) => generatePlan(details.id, source, shares)}
                editing={tools.parcelEditingFor(details.id)} />
            )}
            {details.layerId === 'zones' && zoneParkFigures && <ParkFiguresLine figures={zoneParkFigures} testId="park-zone-figures" />}
            {details.layerId === 'parkSites' && (
              <ParkSiteSection
                siteId={details.id}
                summary={parkSummary}
                enterprises={state.records.enterprises}
                onAllocate={(enterpriseId) => allocate(enterpriseId, details.id)}
                onRelease={(enterpriseId) => void releaseEnterpriseFromSite(service, enterpriseId)}
              />
            )}
            {details.layerId === 'gridCells' && <p><a href={`#/patrol?cell=${encodeURIComponent(details.id)}`} data-testid="patrol-open">填写本网格巡查报告</a></p>}
            {details.layerId === 'dangerousBuildings' && state.records.dangerousBuildings.some((building) => building.id === details.id && isDangerAlarm(building.properties)) && (
              <p className="panel-error" role="alert">D级危房尚未腾空：须立即落实“五个一律”。</p>
            )}
          </FeaturePanel>
        )
      )}
    </div>
  );
}
