/** The planning map workspace (#/): layer panel, map, attribute panel, coordinates and scale. */
import { useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { boundingBoxOf } from '../../geo/bounding-box';
import type { BaseMapData, MapView } from '../../map/map-controller';
import { selectFeatureDetails } from '../../state/feature-details';
import type { ProjectService } from '../../state/project-service';
import type { Selection } from '../../state/project-state';
import { advanceViolationStatus } from '../../state/violation-commands';
import { CoordinateReadout, type PointerPosition } from '../../ui/CoordinateReadout';
import { FeaturePanel } from './FeaturePanel';
import { LayerPanel } from './LayerPanel';
import { useMapController } from '../../map/use-map-controller';

export interface WorkspaceViewProps {
  service: ProjectService;
  baseMap: BaseMapData | null;
  /** Called once the loaded county has been drawn (MapLibre idle). */
  onMapReady(map: MapLibreMap): void;
}

export function WorkspaceView({ service, baseMap, onMapReady }: WorkspaceViewProps) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const [pointer, setPointer] = useState<PointerPosition | null>(null);
  const [panelError, setPanelError] = useState<string | null>(null);

  const view = useMemo<MapView | null>(
    () => (state.phase === 'ready' ? { records: state.records, baseMap, layers: state.layers, selection: state.selection } : null),
    [state.phase, state.records, state.layers, state.selection, baseMap],
  );
  const initialBounds = useMemo(() => boundingBoxOf(state.records.townships), [state.records.townships]);
  const details = useMemo(() => selectFeatureDetails(state), [state]);

  const onSelect = useCallback(
    (selection: Selection | null) => {
      setPanelError(null);
      service.store.dispatch({ type: 'selected', selection });
    },
    [service],
  );
  const { containerRef } = useMapController({
    view,
    initialBounds,
    callbacks: { onSelect, onPointerMove: setPointer },
    onFirstRender: (controller) => onMapReady(controller.map),
  });

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
        <CoordinateReadout position={pointer} />
        {state.phase === 'loading' && <div className="map-message">正在载入县域数据…</div>}
        {state.phase === 'failed' && state.loadFailure && (
          <div className="map-message error" role="alert">无法打开本地数据库：{state.loadFailure.message}</div>
        )}
      </main>
      {details && (
        <FeaturePanel
          key={`${details.layerId}/${details.id}`}
          details={details}
          error={panelError}
          onClose={() => onSelect(null)}
          onAdvanceStatus={(to) => void advanceViolationStatus(service, details.id, to).then(setPanelError)}
        />
      )}
    </div>
  );
}
