/** Entry point: opens the project, installs the test handle with ?e2e=1, and renders the shell. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import { createProjectService } from '../state/project-service';
import { App } from './App';
import { ViewReadiness, createHandle, isE2eMode } from './e2e-handle';
import { parseRoute } from './routes';
import { SAMPLE_NAME, loadSampleRecords } from './sample-data';
import { importFiles } from '../state/import-pipeline';
import { selectZoneFigures } from '../state/zone-statistics';

const service = createProjectService({ loadSample: loadSampleRecords, sampleName: SAMPLE_NAME });
const readiness = new ViewReadiness();
readiness.begin();

let lastRoute = parseRoute(window.location.hash);
window.addEventListener('hashchange', () => {
  const route = parseRoute(window.location.hash);
  if (route !== lastRoute) readiness.begin();
  lastRoute = route;
});

if (isE2eMode(window.location.search)) {
  window.__onemap = createHandle({
    service,
    readiness,
    zoneStats: async () => {
      await service.opened;
      // The statistics worker's figures, once they include every edit made so far.
      const snapshot = await service.statistics.current();
      return selectZoneFigures(service.store.getState().records, snapshot);
    },
    importFiles: (files, kind, coordinateSystem) => importFiles(service, files, kind, coordinateSystem ? { coordinateSystem } : {}),
  });
}

// Closing the page while an edit is being written asks first (the write itself is one transaction).
window.addEventListener('beforeunload', (event) => {
  if (service.store.getState().save.state === 'saving') event.preventDefault();
});

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
createRoot(container).render(
  <StrictMode>
    <App service={service} readiness={readiness} />
  </StrictMode>,
);
