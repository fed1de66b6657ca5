/**
 * The imagery comparison view (#/compare): two epochs on two synced maps — swipe (vertical or
 * horizontal divider), side by side, fade or flicker — under the violations, zones and change
 * patches; change detection over the visible area in a worker; the patch list by status and the
 * 卫片执法 verification of the selected patch, where 认定（违法） creates the violation record. In
 * every mode a violation or zone picked on either map shows its attributes (a violation's status
 * can be advanced), and a new zone can be drawn across the divider and saved with a minimal form.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Feature, Polygon } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { isLocalImageEpoch, sortEpochsByDate, type Epoch, type LocalImageEpoch } from '../../domain/epochs';
import type { ChangePatch, PatchStepTarget, RectificationOutcome } from '../../domain/change-patches';
import type { ZoneProperties } from '../../domain/records';
import { boundingBoxOf, type BoundingBox } from '../../geo/bounding-box';
import type { CompareVectors, DrawnArea } from '../../map/compare-layers';
import type { ComparePick, EpochImageSource } from '../../map/compare-map-controller';
import type { BaseMapData } from '../../map/map-controller';
import { addEvidencePhotos, advanceChangePatch, deleteChangePatch, removeEvidencePhoto, storeDetectedPatches } from '../../state/change-patch-commands';
import { selectFeatureDetails } from '../../state/feature-details';
import type { ProjectService } from '../../state/project-service';
import { advanceViolationStatus } from '../../state/violation-commands';
import { zoneEditorFor } from '../../state/zone-editor';
import { createChangeDetectionClient, type ChangeDetectionClient } from '../../workers/change-detection-client';
import { CompareFeaturePanel } from './CompareFeaturePanel';
import { CompareToolbar } from './CompareToolbar';
import { CompareZoneForm } from './CompareZoneForm';
import { distinctVertices, drawnPolygonOf, zoneDraftOf } from './compare-zone-draft';
import { EpochDialog } from './EpochDialog';
import { compareDisplay, type CompareMode, type DividerOrientation } from './compare-modes';
import { PatchList, type PatchFilter } from './PatchList';
import { PatchPanel } from './PatchPanel';
import { SwipeDivider } from './SwipeDivider';
import { useCompareMaps } from './use-compare-maps';
import { useEpochImage, useSampleEpochSeeding, type LoadedEpochImage } from './use-epoch-images';
import { useEvidencePhotos } from './use-evidence-photos';
import './compare.css';

function unionBounds(epochs: readonly (Epoch | null)[]): BoundingBox | null {
  const present = epochs.filter((epoch): epoch is Epoch => epoch !== null);
  if (present.length === 0) return null;
  return [
    Math.min(...present.map((epoch) => epoch.bounds[0])), Math.min(...present.map((epoch) => epoch.bounds[1])),
    Math.max(...present.map((epoch) => epoch.bounds[2])), Math.max(...present.map((epoch) => epoch.bounds[3])),
  ];
}

/** Records whose bounding box meets `area` (the maps draw only what lies near the imagery). */
function near(records: readonly Feature[], area: BoundingBox | null): Feature[] {
  if (!area) return [];
  return records.filter((record) => {
    const box = boundingBoxOf([record]);
    return box !== null && box[0] <= area[2] && box[2] >= area[0] && box[1] <= area[3] && box[3] >= area[1];
  });
}

function imageSource(epoch: Epoch | null, image: LoadedEpochImage | null): EpochImageSource | null {
  if (epoch?.imageKind === 'xyz') return { epochId: epoch.id, url: epoch.tileUrlTemplate, bounds: epoch.bounds, tiles: true };
  return epoch && image && image.epochId === epoch.id ? { epochId: epoch.id, url: image.url, bounds: epoch.bounds } : null;
}

function rasterSource(epoch: LocalImageEpoch, image: LoadedEpochImage) {
  return { epochId: epoch.id, grid: { width: epoch.widthPixels, height: epoch.heightPixels, bounds: epoch.bounds }, mimeType: image.mimeType, bytes: image.bytes };
}

export function CompareView({ service, baseMap, onMapReady }: { service: ProjectService; baseMap: BaseMapData | null; onMapReady(map: MapLibreMap): void }) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const seeding = useSampleEpochSeeding(service);
  const epochs = useMemo(() => sortEpochsByDate(state.records.epochs), [state.records.epochs]);
  const [chosen, setChosen] = useState<{ before: string; after: string } | null>(null);
  const beforeEpoch = epochs.find((epoch) => epoch.id === chosen?.before) ?? epochs[0] ?? null;
  const afterEpoch = epochs.find((epoch) => epoch.id === chosen?.after) ?? epochs[epochs.length - 1] ?? null;
  const beforeImage = useEpochImage(service, beforeEpoch);
  const afterImage = useEpochImage(service, afterEpoch);
  const [addingEpoch, setAddingEpoch] = useState(false);
  const [drawnArea, setDrawnArea] = useState<DrawnArea | null>(null);
  const [areaPurpose, setAreaPurpose] = useState<'detection' | 'zone'>('detection');
  const [zoneSave, setZoneSave] = useState<{ saving: boolean; error: string | null }>({ saving: false, error: null });
  const drawing = drawnArea !== null && !drawnArea.closed;

  const [mode, setMode] = useState<CompareMode>('swipe');
  const [orientation, setOrientation] = useState<DividerOrientation>('vertical');
  const [divider, setDivider] = useState(50);
  const [fade, setFade] = useState(0.5);
  const [flickerMilliseconds, setFlickerMilliseconds] = useState(600);
  const [flickerShowsLater, setFlickerShowsLater] = useState(true);
  useEffect(() => {
    if (mode !== 'flicker') return undefined;
    const timer = setInterval(() => setFlickerShowsLater((showing) => !showing), flickerMilliseconds);
    return () => clearInterval(timer);
  }, [mode, flickerMilliseconds]);
  const display = useMemo(() => compareDisplay({ mode, orientation, dividerPercent: divider, fade, flickerShowsLater }), [mode, orientation, divider, fade, flickerShowsLater]);

  const [filter, setFilter] = useState<PatchFilter>('all');
  const [selection, setSelection] = useState<ComparePick | null>(null);
  const [detecting, setDetecting] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const clientRef = useRef<ChangeDetectionClient | null>(null);
  useEffect(() => () => clientRef.current?.dispose(), []);

  const coverage = useMemo(() => unionBounds([beforeEpoch, afterEpoch]), [beforeEpoch, afterEpoch]);
  const nearViolations = useMemo(() => near(state.records.violations, coverage), [state.records.violations, coverage]);
  const nearZones = useMemo(() => near(state.records.zones, coverage), [state.records.zones, coverage]);
  const patches = state.records.changePatches;
  const selectedPatch = selection?.kind === 'changePatches' ? (patches.find((patch) => patch.id === selection.id) ?? null) : null;
  const photos = useEvidencePhotos(service, selectedPatch);
  const selectedFeature = useMemo<Feature | null>(() => {
    if (!selection) return null;
    const records: readonly Feature[] = selection.kind === 'changePatches' ? patches : selection.kind === 'violations' ? state.records.violations : state.records.zones;
    return records.find((record) => record.id === selection.id) ?? null;
  }, [selection, patches, state.records.violations, state.records.zones]);
  const vectors = useMemo<CompareVectors>(() => ({
    violations: nearViolations, zones: nearZones, changePatches: patches, selected: selectedFeature, drawnArea,
    showViolations: true, showZones: true, showChangePatches: true,
  }), [nearViolations, nearZones, patches, selectedFeature, drawnArea]);
  // A project that failed to open still gets its (empty) maps drawn, so the view reports ready.
  const base = useMemo(() => (state.phase !== 'loading' ? { townships: state.records.townships, villages: state.records.villages, baseMap } : null), [state.phase, state.records.townships, state.records.villages, baseMap]);
  const beforeSource = useMemo(() => imageSource(beforeEpoch, beforeImage.image), [beforeEpoch, beforeImage.image]);
  const afterSource = useMemo(() => imageSource(afterEpoch, afterImage.image), [afterEpoch, afterImage.image]);
  const images = useMemo(() => ({ before: beforeSource, after: afterSource }), [beforeSource, afterSource]);
  const imagesSettled = seeding.ready && state.phase !== 'loading' &&
    (epochs.length === 0 || ((beforeSource !== null || beforeImage.error !== null) && (afterSource !== null || afterImage.error !== null)));

  const { earlierRef, laterRef, controllers } = useCompareMaps({
    base, images, imagesSettled, display, vectors, initialBounds: coverage,
    onPick: setSelection,
    drawing,
    onDrawClick: (position) => setDrawnArea((area) => (area && !area.closed ? { positions: [...area.positions, position], closed: false } : area)),
    onDrawDoubleClick: () => finishArea(),
    onFirstRender: (created) => onMapReady(created.earlier.map),
  });

  /** Closes the area being drawn (3 vertices at least; a double click's second click adds a duplicate). */
  function finishArea() {
    setDrawnArea((area) => {
      if (!area || area.closed) return area;
      const positions = distinctVertices(area.positions);
      return positions.length >= 3 ? { positions, closed: true } : { positions, closed: false };
    });
  }

  useEffect(() => {
    if (!drawing) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter') finishArea();
      else if (event.key === 'Escape') setDrawnArea(null);
      else if (event.key.toLowerCase() === 'z' && (event.ctrlKey || event.metaKey)) setDrawnArea((area) => (area ? { positions: area.positions.slice(0, -1), closed: false } : area));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawing]);

  const drawnPolygon = useMemo<Polygon | null>(() => (drawnArea?.closed ? drawnPolygonOf(drawnArea.positions) : null), [drawnArea]);
  const zoneDraft = useMemo(
    () => (areaPurpose === 'zone' && drawnArea?.closed ? zoneDraftOf(state.records, drawnArea.positions) : null),
    [areaPurpose, drawnArea, state.records],
  );

  function startDrawing(purpose: 'detection' | 'zone') {
    setAreaPurpose(purpose);
    setZoneSave({ saving: false, error: null });
    setDrawnArea({ positions: [], closed: false });
  }

  async function saveZone(properties: ZoneProperties) {
    if (!zoneDraft?.ok) return;
    setZoneSave({ saving: true, error: null });
    const result = await zoneEditorFor(service).createZone(zoneDraft.polygon, properties);
    if (!result.ok) {
      setZoneSave({ saving: false, error: `新改造区块「${properties.name}」：${result.reason}` });
      return;
    }
    setZoneSave({ saving: false, error: null });
    setDrawnArea(null);
    setSelection({ kind: 'zones', id: result.value });
    setMessage({ text: `已保存改造区块「${properties.name}」`, error: false });
  }

  const [panelError, setPanelError] = useState<string | null>(null);
  useEffect(() => setPanelError(null), [selection]);
  const pickedDetails = useMemo(
    () => (selection && selection.kind !== 'changePatches' ? selectFeatureDetails({ ...state, selection: { layerId: selection.kind, id: selection.id } }) : null),
    [selection, state],
  );

  async function detect(useDrawnArea: boolean) {
    if (!controllers || !beforeEpoch || !afterEpoch || !beforeImage.image || !afterImage.image) return;
    if (!isLocalImageEpoch(beforeEpoch) || !isLocalImageEpoch(afterEpoch)) return;
    const polygon = useDrawnArea ? drawnPolygon : null;
    if (useDrawnArea && !polygon) return;
    setDetecting(true);
    setMessage(null);
    try {
      clientRef.current ??= createChangeDetectionClient();
      const started = performance.now();
      const response = await clientRef.current.detect({
        before: rasterSource(beforeEpoch, beforeImage.image), after: rasterSource(afterEpoch, afterImage.image),
        ...(polygon ? { area: boundingBoxOf([{ type: 'Feature', geometry: polygon, properties: {} }])!, polygon } : { area: controllers.later.visibleBounds() }),
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (!response.ok) {
        setMessage({ text: `变化检测未完成：${response.error}`, error: true });
        return;
      }
      const stored = await storeDetectedPatches(service, response.changes, { beforeEpochId: beforeEpoch.id, afterEpochId: afterEpoch.id });
      const coarse = response.grid.reduction > 1 ? `（范围较大，按 ${(beforeEpoch.resolutionMetersPerPixel * response.grid.reduction).toFixed(1)} 米分辨率检测）` : '';
      setMessage({
        text: `${polygon ? '所画范围内' : '当前视图内'}检测到 ${response.changes.length} 个变化图斑（≥ 50 m²），新增 ${stored.added.length} 个，已有 ${stored.alreadyKnown} 个；${response.grid.width}×${response.grid.height} 像素，用时 ${seconds} 秒${coarse}`,
        error: false,
      });
    } catch (error) {
      setMessage({ text: `变化检测失败：${error instanceof Error ? error.message : String(error)}`, error: true });
    } finally {
      setDetecting(false);
    }
  }

  function selectPatch(patch: ChangePatch) {
    setSelection({ kind: 'changePatches', id: patch.id });
    const box = boundingBoxOf([patch]);
    if (box && controllers) controllers.later.map.fitBounds([[box[0], box[1]], [box[2], box[3]]], { padding: 160, maxZoom: 18, animate: false });
  }

  function namesOf(patch: ChangePatch) {
    const epochName = (id: string) => epochs.find((epoch) => epoch.id === id)?.name ?? id;
    return {
      township: state.records.townships.find((township) => township.id === patch.properties.townshipId)?.properties.name ?? '',
      village: state.records.villages.find((village) => village.id === patch.properties.villageId)?.properties.name ?? '',
      before: epochName(patch.properties.beforeEpochId),
      after: epochName(patch.properties.afterEpochId),
      violationCode: patch.properties.violationId ? (state.records.violations.find((violation) => violation.id === patch.properties.violationId)?.properties.code ?? patch.properties.violationId) : null,
    };
  }

  const loadError = seeding.error ?? beforeImage.error ?? afterImage.error;

  return (
    <div className="compare">
      <section className="compare-main">
        <CompareToolbar
          epochs={epochs} beforeEpochId={beforeEpoch?.id ?? null} afterEpochId={afterEpoch?.id ?? null}
          onEpochs={(before, after) => setChosen({ before, after })}
          mode={mode} onMode={setMode} orientation={orientation} onOrientation={setOrientation}
          fade={fade} onFade={setFade} flickerMilliseconds={flickerMilliseconds} onFlickerMilliseconds={setFlickerMilliseconds}
          detecting={detecting} canDetect={Boolean(controllers && beforeImage.image && afterImage.image && beforeEpoch?.id !== afterEpoch?.id)} onDetect={() => void detect(false)}
          detectionBlocked={beforeEpoch?.imageKind === 'xyz' || afterEpoch?.imageKind === 'xyz' ? '在线瓦片时相不能做变化检测：请选两期本地影像' : null}
          area={drawnArea === null ? 'none' : drawnArea.closed ? 'drawn' : 'drawing'}
          areaPurpose={areaPurpose} onDrawArea={() => startDrawing('detection')} onDrawZone={() => startDrawing('zone')}
          onClearArea={() => setDrawnArea(null)} onDetectArea={() => void detect(true)}
          onAddEpoch={() => setAddingEpoch(true)}
        />
        {addingEpoch && (
          <EpochDialog
            service={service} epochs={epochs} viewBounds={controllers ? controllers.later.visibleBounds() : null}
            onClose={() => setAddingEpoch(false)}
            onAdded={(epoch) => {
              setAddingEpoch(false);
              setChosen({ before: beforeEpoch?.id ?? epoch.id, after: epoch.id });
              setMessage({ text: `已添加影像时相「${epoch.name}」（${epoch.date}，${epoch.source}，${epoch.resolutionMetersPerPixel} 米/像素），作为后时相显示`, error: false });
              controllers?.later.fitTo(epoch.bounds, 40);
            }}
          />
        )}
        {message && <p className={`compare-message${message.error ? ' error' : ''}`} data-testid="detection-status" role={message.error ? 'alert' : 'status'}>{message.text}</p>}
        <div className={`compare-stage ${display.layout}`} data-testid="compare-stage" data-mode={mode} data-flicker-later={mode === 'flicker' ? String(flickerShowsLater) : undefined}>
          <div className="compare-pane earlier"><div className="map-container" data-testid="compare-map-before" ref={earlierRef} /></div>
          <div className="compare-pane later" style={{ clipPath: display.laterClip === 'none' ? undefined : display.laterClip }}>
            <div className="map-container" data-testid="compare-map-after" ref={laterRef} />
          </div>
          {mode === 'swipe' && <SwipeDivider orientation={orientation} percent={divider} onChange={setDivider} />}
          <EpochLabels mode={mode} orientation={orientation} before={beforeEpoch} after={afterEpoch} flickerShowsLater={flickerShowsLater} fade={fade} />
          {loadError && <div className="map-message error" role="alert">{loadError}</div>}
          {!loadError && seeding.ready && state.phase === 'ready' && epochs.length < 2 && <div className="map-message">至少需要两期影像才能比对。</div>}
        </div>
      </section>
      <aside className="compare-side">
        <PatchList patches={patches} filter={filter} onFilter={setFilter} selectedId={selectedPatch?.id ?? null} onSelect={selectPatch} />
        {selectedPatch && (
          <PatchPanel
            patch={selectedPatch} names={namesOf(selectedPatch)} onClose={() => setSelection(null)}
            onApply={(target: PatchStepTarget, by: string, note: string, outcome: RectificationOutcome) => advanceChangePatch(service, { patchId: selectedPatch.id, target, by, note, outcome })}
            photos={photos}
            onAddPhotos={async (files, by) => addEvidencePhotos(service, {
              patchId: selectedPatch.id, by,
              files: await Promise.all(files.map(async (file) => ({ name: file.name, mimeType: file.type, bytes: await file.arrayBuffer() }))),
            })}
            onRemovePhoto={(photoId) => removeEvidencePhoto(service, { patchId: selectedPatch.id, photoId })}
            onDelete={async () => {
              const refusal = await deleteChangePatch(service, selectedPatch.id);
              if (!refusal) setSelection(null);
              return refusal;
            }}
          />
        )}
        {zoneDraft && drawnArea && (
          <CompareZoneForm
            key={drawnArea.positions.map((position) => position.join(',')).join(';')}
            draft={zoneDraft} saving={zoneSave.saving} error={zoneSave.error}
            townships={state.records.townships.map((township) => ({ id: township.id, name: township.properties.name }))}
            onSave={(properties) => void saveZone(properties)} onCancel={() => setDrawnArea(null)}
          />
        )}
        {pickedDetails && (
          <CompareFeaturePanel
            key={`${pickedDetails.layerId}:${pickedDetails.id}`}
            details={pickedDetails} error={panelError} onClose={() => setSelection(null)}
            onAdvanceStatus={(to) => void advanceViolationStatus(service, pickedDetails.id, to).then(setPanelError)}
          />
        )}
      </aside>
    </div>
  );
}

function EpochLabels({ mode, orientation, before, after, flickerShowsLater, fade }: {
  mode: CompareMode; orientation: DividerOrientation; before: Epoch | null; after: Epoch | null; flickerShowsLater: boolean; fade: number;
}) {
  if (!before || !after) return null;
  if (mode === 'fade') return <span className="compare-label single">{before.name} ⟶ {after.name}（{Math.round(fade * 100)}%）</span>;
  if (mode === 'flicker') return <span className="compare-label single">{flickerShowsLater ? after.name : before.name}</span>;
  const secondClass = mode === 'swipe' && orientation === 'horizontal' ? 'bottom' : 'right';
  return (
    <>
      <span className="compare-label left">前：{before.name}</span>
      <span className={`compare-label ${secondClass}`}>后：{after.name}</span>
    </>
  );
}
