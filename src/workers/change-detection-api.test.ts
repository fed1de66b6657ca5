import { describe, expect, it } from 'vitest';
import type { BoundingBox } from '../geo/bounding-box';
import { detectChanges } from '../geo/change-detection';
import { analysisGridFor } from '../geo/change-window';
import { cropRaster, pixelWindowOf, resampleNearest, type RasterGrid, type RgbaRaster } from '../geo/raster-image';
import { createChangeDetectionApi, type RasterReader } from './change-detection-api';
import { createClientOnApi } from './change-detection-client';

const GRID: RasterGrid = { width: 200, height: 200, bounds: [120.45, 27.51, 120.452, 27.512] };

function createRaster(withBuilding: boolean): RgbaRaster {
  const data = new Uint8ClampedArray(200 * 200 * 4);
  for (let pixel = 0; pixel < 200 * 200; pixel++) {
    const x = pixel % 200;
    const y = Math.floor(pixel / 200);
    const building = withBuilding && x >= 120 && x < 140 && y >= 50 && y < 62;
    data.set(building ? [200, 80, 60, 255] : [100 + (x % 7), 128, 80 + (y % 5), 255], pixel * 4);
  }
  return { width: 200, height: 200, data };
}

/** A reader over rasters held in memory, keyed by the first byte of the "encoded" bytes. */
function createMemoryReader(rasters: Record<number, RgbaRaster>) {
  const held = new Map<string, RgbaRaster>();
  const loads: string[] = [];
  const reader: RasterReader = {
    async load(epochId, bytes) {
      loads.push(epochId);
      held.set(epochId, rasters[new Uint8Array(bytes)[0] as number] as RgbaRaster);
    },
    has: (epochId) => held.has(epochId),
    async read(epochId, grid, area, width, height) {
      return resampleNearest(held.get(epochId) as RgbaRaster, grid, area, width, height);
    },
  };
  return { reader, loads };
}

const source = (epochId: string, marker: number) => ({ epochId, grid: GRID, mimeType: 'image/png', bytes: new Uint8Array([marker]).buffer });

describe('change detection API', () => {
  const rasters = { 1: createRaster(false), 2: createRaster(true) };

  it('finds the same patches over an area as the pipeline on the cropped rasters', async () => {
    const { reader } = createMemoryReader(rasters);
    const api = createChangeDetectionApi(reader);
    const area: BoundingBox = [120.4505, 27.5105, 120.4518, 27.5119];
    const response = await api.detect({ before: source('a', 1), after: source('b', 2), area });
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    const window = pixelWindowOf(GRID, area)!;
    const expected = detectChanges(cropRaster(rasters[1], window), cropRaster(rasters[2], window), { width: window.width, height: window.height, bounds: window.bounds });
    expect(response.changes).toEqual(expected.changes);
    expect(response.changes).toHaveLength(1);
    expect(response.changes[0]?.pixelCount).toBe(240);
    expect(response.grid.reduction).toBe(1);
  });

  it('sends each epoch image once', async () => {
    const { reader, loads } = createMemoryReader(rasters);
    const client = createClientOnApi(createChangeDetectionApi(reader));
    const before = source('a', 1);
    const after = source('b', 2);
    await client.detect({ before, after, area: GRID.bounds });
    await client.detect({ before, after, area: GRID.bounds });
    expect(loads).toEqual(['a', 'b']);
  });

  it('reports an area outside the epochs as an error, not a throw', async () => {
    const { reader } = createMemoryReader(rasters);
    const response = await createChangeDetectionApi(reader).detect({ before: source('a', 1), after: source('b', 2), area: [121, 28, 121.1, 28.1] });
    expect(response).toEqual({ ok: false, error: expect.stringContaining('不在') });
  });

  it('finds changes only inside a drawn polygon, reading only its bounding box', async () => {
    const { reader } = createMemoryReader(rasters);
    const api = createChangeDetectionApi(reader);
    // The building spans columns 120–139, rows 50–61: lon 120.4512–120.4514, lat 27.51138–27.5115.
    const pixel = (column: number, row: number) => [120.45 + column * 0.00001, 27.512 - row * 0.00001];
    const around = { type: 'Polygon' as const, coordinates: [[pixel(100, 30), pixel(160, 30), pixel(160, 80), pixel(100, 80), pixel(100, 30)]] };
    const beside = { type: 'Polygon' as const, coordinates: [[pixel(10, 10), pixel(90, 10), pixel(90, 190), pixel(10, 190), pixel(10, 10)]] };
    // Half of it: the left ten columns of the building.
    const half = { type: 'Polygon' as const, coordinates: [[pixel(100, 30), pixel(130, 30), pixel(130, 80), pixel(100, 80), pixel(100, 30)]] };
    const boxOf = (polygon: typeof around): BoundingBox => [polygon.coordinates[0]![0]![0]!, polygon.coordinates[0]![2]![1]!, polygon.coordinates[0]![2]![0]!, polygon.coordinates[0]![0]![1]!];
    const inside = await api.detect({ before: source('a', 1), after: source('b', 2), area: boxOf(around), polygon: around });
    const outside = await api.detect({ before: source('a', 1), after: source('b', 2), area: boxOf(beside), polygon: beside });
    const clipped = await api.detect({ before: source('a', 1), after: source('b', 2), area: boxOf(half), polygon: half });
    if (!inside.ok || !outside.ok || !clipped.ok) throw new Error('detection failed');
    expect(inside.changes.map((change) => change.pixelCount)).toEqual([240]);
    expect(inside.grid.width * inside.grid.height).toBe(60 * 50);
    expect(outside.changes).toEqual([]);
    expect(clipped.changes.map((change) => change.pixelCount)).toEqual([120]);
  });

  it('analyses a coarser grid when the area exceeds the pixel budget', () => {
    const grid = analysisGridFor(GRID, GRID, GRID.bounds, 10_000)!;
    expect(grid.width * grid.height).toBeLessThanOrEqual(10_000);
    expect(grid.reduction).toBeCloseTo(2, 6);
    expect(grid.bounds).toEqual(GRID.bounds);
  });
});
