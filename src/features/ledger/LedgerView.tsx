/**
 * The ledger (#/ledger): township statistics, the dynamic ranking, zone statistics and the
 * violation ledger as sortable, filterable tables linked to a map (row → map zooms to it; map
 * click → row), with Excel / CSV / GeoJSON exports of exactly the figures shown.
 */
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { Feature } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { weeklyBulletin } from '../../domain/ranking';
import { boundingBoxOf } from '../../geo/bounding-box';
import type { BaseMapData, MapView } from '../../map/map-controller';
import { useMapController } from '../../map/use-map-controller';
import { EMPTY_FILTER, buildLedgerTables, formatLedgerValue, sortRows, type LedgerTableId } from '../../state/ledger-tables';
import type { ProjectService } from '../../state/project-service';
import type { ProjectRecords, Selection } from '../../state/project-state';
import { isoDateOf } from '../../state/violation-commands';
import { landUseSheet } from '../../state/land-use-sheet';
import { selectZoneFigures } from '../../state/zone-statistics';
import { DataTable } from '../../ui/DataTable';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { exportCsv, exportGeoJson, exportKml, exportShapefile, exportWorkbook } from './ledger-exports';
import { LedgerToolbar } from './LedgerToolbar';
import { CAMPAIGN_TABS, CampaignLedgerSection, type CampaignTabId } from './CampaignLedgerSection';

const TABS: { id: LedgerTableId; label: string }[] = [
  { id: 'townships', label: '乡镇统计' },
  { id: 'ranking', label: '动态排名' },
  { id: 'zones', label: '改造区块' },
  { id: 'violations', label: '违建台账' },
];

function featureOf(records: ProjectRecords, selection: Selection): Feature | undefined {
  if (!(selection.layerId in records)) return undefined;
  return (records[selection.layerId as keyof ProjectRecords] as Feature[]).find((record) => record.id === selection.id);
}

export function LedgerView({ service, baseMap, onMapReady }: { service: ProjectService; baseMap: BaseMapData | null; onMapReady(map: MapLibreMap): void }) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const [tab, setTab] = useState<LedgerTableId>('townships');
  const [campaignTab, setCampaignTab] = useState<CampaignTabId | null>(null);
  const [filter, setFilter] = useState(EMPTY_FILTER);
  const [sort, setSort] = useState<{ key: string; direction: 'asc' | 'desc' } | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const isoDate = isoDateOf(service.now());
  const viewportHeight = useViewportHeight();

  // Per-zone figures from the statistics worker (updated after each edit, without recomputing the county).
  const statistics = useSyncExternalStore(service.statistics.subscribe, service.statistics.getSnapshot);
  const zoneStatistics = useMemo(() => selectZoneFigures(state.records, statistics), [state.records, statistics]);
  const tables = useMemo(() => buildLedgerTables({ records: state.records, zoneStatistics, isoDate, filter }), [state.records, zoneStatistics, isoDate, filter]);
  const bulletin = useMemo(() => weeklyBulletin(state.records.snapshots, state.records.targets), [state.records.snapshots, state.records.targets]);
  const table = tables[tab];
  const rows = useMemo(() => (sort ? sortRows(table.rows, sort.key, sort.direction) : table.rows), [table, sort]);
  const view = useMemo<MapView | null>(() => (state.phase === 'ready' ? { records: state.records, baseMap, layers: state.layers, selection: state.selection } : null), [state.phase, state.records, state.layers, state.selection, baseMap]);
  const initialBounds = useMemo(() => boundingBoxOf(state.records.townships), [state.records.townships]);
  const select = (selection: Selection | null) => service.store.dispatch({ type: 'selected', selection });
  const { containerRef, controller } = useMapController({
    view, initialBounds, callbacks: { onSelect: select, onPointerMove: () => undefined }, onFirstRender: (created) => onMapReady(created.map),
  });

  function showViolation(id: string, layerId: 'violations' | 'dangerousBuildings' = 'violations') {
    const selection = { layerId, id };
    select(selection);
    const feature = featureOf(state.records, selection);
    const bbox = feature ? boundingBoxOf([feature]) : null;
    if (bbox && controller) controller.fitTo(bbox, 60);
  }

  function selectRow(id: string) {
    const row = table.rows.find((entry) => entry.id === id);
    if (!row?.layerId) return;
    const selection = { layerId: row.layerId, id };
    select(selection);
    const feature = featureOf(state.records, selection);
    const bbox = feature ? boundingBoxOf([feature]) : null;
    if (bbox && controller) controller.fitTo(bbox, 60);
  }
  const selectedId = state.selection && table.rows.some((row) => row.layerId === state.selection?.layerId) ? state.selection.id : null;
  const toDisplay = (row: (typeof rows)[number]) => ({ id: row.id, cells: Object.fromEntries(table.columns.map((column) => [column.key, formatLedgerValue(column, row.values[column.key])])) });
  const rose = bulletin.entries.filter((entry) => (entry.rankChange ?? 0) > 0).length;
  const fell = bulletin.entries.filter((entry) => (entry.rankChange ?? 0) < 0).length;

  return (
    <div className="ledger">
      <section className="ledger-tables">
        <nav className="ledger-tabs">
          {TABS.map((entry) => (
            <button key={entry.id} type="button" className={entry.id === tab && !campaignTab ? 'active' : ''} data-testid={`ledger-tab-${entry.id}`}
              onClick={() => { setTab(entry.id); setSort(null); setCampaignTab(null); }}>{entry.label}</button>
          ))}
          {CAMPAIGN_TABS.map((entry) => (
            <button key={entry.id} type="button" className={entry.id === campaignTab ? 'active' : ''} data-testid={`ledger-tab-${entry.id}`} onClick={() => setCampaignTab(entry.id)}>{entry.label}</button>
          ))}
        </nav>
        {campaignTab ? (
          <CampaignLedgerSection tab={campaignTab} service={service} records={state.records} today={isoDate} onShowViolation={showViolation} onShowDangerousBuilding={(id) => showViolation(id, 'dangerousBuildings')} />
        ) : (<>
        <LedgerToolbar filter={filter} onFilter={setFilter} showStatus={tab === 'violations'} exporting={exporting}
          townships={state.records.townships.map((township) => ({ id: township.id, name: township.properties.name }))}
          onExportXlsx={() => { setExporting(true); setExportError(null); exportWorkbook(tables, isoDate, [landUseSheet(state.records)]).catch((error: unknown) => setExportError(String(error))).finally(() => setExporting(false)); }}
          onExportCsv={() => exportCsv(table, isoDate)}
          onExportGeoJson={() => exportGeoJson(table, state.records, isoDate)}
          onExportKml={() => exportKml(table, state.records, isoDate)}
          onExportShapefile={(encoding) => exportShapefile(table, state.records, encoding, isoDate)} />
        {exportError && <p className="panel-error" role="alert">导出失败：{exportError}</p>}
        {tab === 'ranking' && bulletin.weekEnding && (
          <p className="bulletin" data-testid="weekly-bulletin">周通报（截至 {bulletin.weekEnding}）：名次上升 {rose} 个乡镇，下降 {fell} 个；
            黄榜（滞后于已到期节点）{table.rows.filter((row) => row.values['board'] === '黄榜').map((row) => row.values['name']).join('、') || '无'}。</p>
        )}
        <DataTable testId={`ledger-table-${tab}`} columns={table.columns.map((column) => ({ key: column.key, label: column.label, numeric: column.kind !== 'text' }))}
          rows={rows.map(toDisplay)} total={table.total ? toDisplay(table.total) : null} sort={sort} selectedId={selectedId} onSelect={selectRow}
          onSort={(key) => setSort((current) => ({ key, direction: current?.key === key && current.direction === 'desc' ? 'asc' : 'desc' }))} heightPixels={Math.max(240, viewportHeight - (tab === 'ranking' ? 250 : 220))} />
        <p className="ledger-note">面积均按 CGCS2000 椭球面计算；合计行采用强制调平，各行之和等于合计。
          {tab === 'zones' && '城中村户数按区块面积过半归属改造区块；四无单位按点位落入区块统计。'}
          {tab === 'zones' && statistics.pending && '（区块统计更新中…）'}
          {tab === 'zones' && statistics.failure && `（${statistics.failure}）`}</p>
        </>)}
      </section>
      <section className="ledger-map"><div className="map-container" data-testid="map-container" ref={containerRef} /></section>
    </div>
  );
}
