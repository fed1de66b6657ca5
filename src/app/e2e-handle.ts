/**
 * The automation handle `window.__onemap`, installed only when the page is opened with `?e2e=1`
 * (see the automation contract). It exposes the same pipelines the UI uses.
 */
import type { FeatureCollection, Feature } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { CoordinateSystem } from '../domain/coordinate-system';
import { isRecordKind, type RecordKind } from '../domain/record-kinds';
import type { ProjectService } from '../state/project-service';

export interface OnemapHandle {
  readonly ready: Promise<void>;
  readonly map: MapLibreMap | null;
  counts(): Promise<Record<RecordKind, number>>;
  exportGeoJSON(kind: string): Promise<FeatureCollection>;
  zoneStats(): Promise<unknown[]>;
  importFiles(files: File[], options: { kind: string; coordinateSystem?: CoordinateSystem }): Promise<unknown>;
}

/** Tracks the current view's readiness and map as views mount and unmount. */
export class ViewReadiness {
  private resolveCurrent: () => void = () => undefined;
  private current: Promise<void> = Promise.resolve();
  map: MapLibreMap | null = null;

  /** A new view started loading: `ready` now waits for it. */
  begin(): void {
    this.map = null;
    this.current = new Promise((resolve) => {
      this.resolveCurrent = resolve;
    });
  }

  /** The current view has loaded and rendered once. */
  finish(map: MapLibreMap | null): void {
    this.map = map;
    this.resolveCurrent();
  }

  get ready(): Promise<void> {
    return this.current;
  }
}

export interface HandleDependencies {
  service: ProjectService;
  readiness: ViewReadiness;
  zoneStats(): Promise<unknown[]>;
  importFiles(files: File[], kind: RecordKind, coordinateSystem?: CoordinateSystem): Promise<unknown>;
}

function requireKind(kind: string): RecordKind {
  if (!isRecordKind(kind)) throw new Error(`未知的数据类型：${kind}`);
  return kind;
}

export function createHandle(dependencies: HandleDependencies): OnemapHandle {
  const { service, readiness } = dependencies;
  return {
    get ready() {
      return readiness.ready;
    },
    get map() {
      return readiness.map;
    },
    counts: () => service.counts(),
    async exportGeoJSON(kind) {
      const records = (await service.readStored(requireKind(kind))) as Partial<Feature>[];
      const features = records
        .filter((record) => record.type === 'Feature' && record.geometry)
        .map((record) => ({ type: 'Feature' as const, id: record.id, geometry: record.geometry!, properties: record.properties ?? {} }));
      return { type: 'FeatureCollection', features };
    },
    zoneStats: () => dependencies.zoneStats(),
    importFiles: (files, options) => dependencies.importFiles(files, requireKind(options.kind), options.coordinateSystem),
  };
}

declare global {
  interface Window {
    __onemap?: OnemapHandle;
  }
}

export function isE2eMode(search: string): boolean {
  return new URLSearchParams(search).get('e2e') === '1';
}
