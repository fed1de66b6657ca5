/**
 * What the change-detection worker exposes (through comlink): decode the two epochs' images once
 * (kept per epoch), read both over the requested area on one grid, and run the pure pipeline of
 * `geo/change-detection`. Kept apart from the worker entry so Node tests call it directly with a
 * reader of their own. Requests and results are plain data (image bytes are ArrayBuffers).
 */
import type { Polygon } from 'geojson';
import type { BoundingBox } from '../geo/bounding-box';
import { detectChanges, type ChangeDetectionOptions, type DetectedChange } from '../geo/change-detection';
import { analysisGridFor, type AnalysisGrid } from '../geo/change-window';
import type { RasterGrid, RgbaRaster } from '../geo/raster-image';
import { keepOnlyInside, polygonMask } from '../geo/raster-polygon-mask';

/** One epoch's image: its grid, and its encoded bytes unless the worker already holds them. */
export interface EpochRasterSource {
  epochId: string;
  grid: RasterGrid;
  mimeType: string;
  bytes?: ArrayBuffer;
}

export interface DetectionRequest {
  before: EpochRasterSource;
  after: EpochRasterSource;
  /** The area to analyse (e.g. the visible map, or the bounding box of `polygon`), lon/lat. */
  area: BoundingBox;
  /** A drawn area: only changes inside it are found (the pixels read are those of `area`). */
  polygon?: Polygon;
  options?: Partial<ChangeDetectionOptions>;
  maximumPixels?: number;
}

export type DetectionResponse =
  | {
      ok: true;
      changes: DetectedChange[];
      grid: AnalysisGrid;
      /** Components dropped for being under the minimum area. */
      droppedSmallCount: number;
      milliseconds: { read: number; detect: number };
    }
  | { ok: false; error: string };

/** Reads the pixels of an epoch's image over an area, resampled to a size. */
export interface RasterReader {
  /** Decodes and keeps the image of an epoch (replacing what was kept for that id). */
  load(epochId: string, bytes: ArrayBuffer, mimeType: string): Promise<void>;
  has(epochId: string): boolean;
  read(epochId: string, grid: RasterGrid, area: BoundingBox, width: number, height: number): Promise<RgbaRaster>;
}

export interface ChangeDetectionApi {
  detect(request: DetectionRequest): Promise<DetectionResponse>;
  /** Which epochs' images the worker holds (the client sends bytes only for the others). */
  loadedEpochIds(): string[];
}

export function createChangeDetectionApi(reader: RasterReader, clock: () => number = () => performance.now()): ChangeDetectionApi {
  const loaded = new Set<string>();
  async function ensure(source: EpochRasterSource): Promise<void> {
    if (source.bytes) {
      await reader.load(source.epochId, source.bytes, source.mimeType);
      loaded.add(source.epochId);
    } else if (!reader.has(source.epochId)) {
      throw new Error(`时相 ${source.epochId} 的影像尚未载入`);
    }
  }
  return {
    async detect(request) {
      try {
        const started = clock();
        await Promise.all([ensure(request.before), ensure(request.after)]);
        const grid = analysisGridFor(request.before.grid, request.after.grid, request.area, request.maximumPixels);
        if (!grid) return { ok: false, error: request.polygon ? '所画范围不在两期影像的共同范围内' : '当前视图不在两期影像的共同范围内' };
        const [before, after] = await Promise.all([
          reader.read(request.before.epochId, request.before.grid, grid.bounds, grid.width, grid.height),
          reader.read(request.after.epochId, request.after.grid, grid.bounds, grid.width, grid.height),
        ]);
        if (request.polygon) keepOnlyInside(after, before, polygonMask(grid, request.polygon));
        const read = clock() - started;
        const result = detectChanges(before, after, grid, request.options);
        return { ok: true, changes: result.changes, grid, droppedSmallCount: result.droppedSmallCount, milliseconds: { read, detect: clock() - started - read } };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    loadedEpochIds: () => [...loaded],
  };
}
