/** The shell: header with navigation and save status, and the view of the current route. */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { PatrolView } from '../features/campaign/PatrolView';
import { TimelineView } from '../features/campaign/TimelineView';
import { CompareView } from '../features/compare/CompareView';
import { BackupReminder } from '../features/import/BackupReminder';
import { ImportDialog } from '../features/import/ImportDialog';
import { LedgerView } from '../features/ledger/LedgerView';
import { WallView } from '../features/wall/WallView';
import { WorkspaceView } from '../features/workspace/WorkspaceView';
import type { BaseMapData } from '../map/map-controller';
import type { ProjectService } from '../state/project-service';
import { createBackupFromMemory } from '../state/project-backup';
import { isoDateOf } from '../state/violation-commands';
import { downloadBlob } from '../ui/download';
import { PersistenceWarning, SaveStatusBadge } from '../ui/SaveStatusBadge';
import { PendingView } from './PendingView';
import { useRoute, type Route } from './routes';
import { loadBaseMap } from './sample-data';
import type { ViewReadiness } from './e2e-handle';

const NAVIGATION: { route: Route; label: string; testId: string }[] = [
  { route: '/', label: '规划一张图', testId: 'nav-map' },
  { route: '/wall', label: '指挥大屏', testId: 'nav-wall' },
  { route: '/compare', label: '影像比对', testId: 'nav-compare' },
  { route: '/ledger', label: '统计台账', testId: 'nav-ledger' },
  { route: '/patrol', label: '网格巡查', testId: 'nav-patrol' },
  { route: '/timeline', label: '挂图作战', testId: 'nav-timeline' },
];

/** Saving failed: the records in memory (including the unsaved edit) go to a backup file. */
function exportMemoryBackup(service: ProjectService): void {
  const { bytes } = createBackupFromMemory(service);
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/gzip' }), `拆整一张图_未保存数据_${isoDateOf(service.now())}.onemap.gz`);
}

export function App({ service, readiness }: { service: ProjectService; readiness: ViewReadiness }) {
  const route = useRoute();
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const [baseMap, setBaseMap] = useState<BaseMapData | null>(null);
  const [baseMapError, setBaseMapError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  useEffect(() => {
    loadBaseMap().then(setBaseMap, (error: unknown) => setBaseMapError(String(error)));
  }, []);

  return (
    <div className="app">
      <header className="app-header">
        <h1>拆整一张图</h1>
        <nav>
          {/* The wall's own controls sit beside the header: it keeps the four original links. */}
          {NAVIGATION.filter((item) => route !== '/wall' || (item.route !== '/patrol' && item.route !== '/timeline')).map((item) => (
            <a key={item.route} href={`#${item.route}`} data-testid={item.testId} className={item.route === route ? 'active' : ''}>
              {item.label}
            </a>
          ))}
        </nav>
        <button type="button" className="header-button" data-testid="open-import" onClick={() => setImporting(true)}>导入 / 备份</button>
        {/* No backup reminder on the wall screen: nobody edits there, and its header is full. */}
        {route !== '/wall' && <BackupReminder service={service} />}
        <PersistenceWarning persistence={state.persistence} />
        <SaveStatusBadge status={state.save} onExportMemory={() => exportMemoryBackup(service)} />
      </header>
      {baseMapError && <div className="banner error" role="alert">底图数据读取失败：{baseMapError}</div>}
      {route === '/' ? (
        <WorkspaceView
          key="workspace"
          service={service}
          baseMap={baseMap}
          onMapReady={(map: MapLibreMap) => readiness.finish(map)}
        />
      ) : route === '/ledger' ? (
        <LedgerView key="ledger" service={service} baseMap={baseMap} onMapReady={(map: MapLibreMap) => readiness.finish(map)} />
      ) : route === '/wall' ? (
        <WallView key="wall" service={service} baseMap={baseMap} onMapReady={(map: MapLibreMap) => readiness.finish(map)} />
      ) : route === '/compare' ? (
        <CompareView key="compare" service={service} baseMap={baseMap} onMapReady={(map: MapLibreMap) => readiness.finish(map)} />
      ) : route === '/patrol' ? (
        <PatrolView key="patrol" service={service} onReady={() => readiness.finish(null)} />
      ) : route === '/timeline' ? (
        <TimelineView key="timeline" service={service} onReady={() => readiness.finish(null)} />
      ) : (
        <PendingView key={route} route={route} service={service} onReady={() => readiness.finish(null)} />
      )}
      {importing && <ImportDialog service={service} onClose={() => setImporting(false)} />}
    </div>
  );
}
