import { describe, expect, it } from 'vitest';
import { buildPreviewCollection, PREVIEW_MARKER_THRESHOLD } from './import-preview-geometry';

describe('buildPreviewCollection', () => {
  it('keeps drawable geometries with their status and bbox, and leaves out the undrawable', () => {
    const square = { type: 'Polygon', coordinates: [[[120, 27], [120.1, 27], [120.1, 27.2], [120, 27]]] };
    const projected = { type: 'Polygon', coordinates: [[[539623, 3043208], [539663, 3043208], [539623, 3043242], [539623, 3043208]]] };
    const notANumber = { type: 'Point', coordinates: [Number.NaN, 27] };
    const result = buildPreviewCollection([
      { geometry: square, status: 'accepted', index: 0, label: 'a.geojson' },
      { geometry: { type: 'Point', coordinates: [121, 26.5] }, status: 'rejected', index: 1, label: 'a.geojson' },
      { geometry: projected, status: 'rejected', index: 2, label: 'a.geojson' },
      { geometry: notANumber, status: 'rejected', index: 3, label: 'a.geojson' },
      { geometry: null, status: 'rejected', index: 4, label: 'a.geojson' },
    ]);
    expect(result.drawn).toBe(2);
    expect(result.bbox).toEqual([120, 26.5, 121, 27.2]);
    const collection = JSON.parse(result.json) as { features: { properties: { status: string; index: number } }[] };
    expect(collection.features.map((feature) => [feature.properties.index, feature.properties.status])).toEqual([[0, 'accepted'], [1, 'rejected']]);
  });

  it('draws a large import as markers at the centre of each shape', () => {
    const square = (index: number) => ({ type: 'Polygon', coordinates: [[[120, 27 + index * 1e-5], [120.002, 27 + index * 1e-5], [120.002, 27.002 + index * 1e-5], [120, 27 + index * 1e-5]]] });
    const small = buildPreviewCollection([{ geometry: square(0), status: 'accepted', index: 0, label: 'a' }]);
    expect(small.markers).toBe(false);
    const candidates = Array.from({ length: PREVIEW_MARKER_THRESHOLD + 1 }, (_, index) => ({ geometry: square(index), status: 'accepted' as const, index, label: 'a' }));
    const large = buildPreviewCollection(candidates);
    expect(large.markers).toBe(true);
    const features = (JSON.parse(large.json) as { features: { properties: { marker?: boolean; index: number }; geometry: { type: string; coordinates: number[] } }[] }).features;
    const markers = features.filter((feature) => feature.properties.marker);
    expect(markers).toHaveLength(candidates.length);
    expect(features).toHaveLength(candidates.length);
    expect(markers[0]!.geometry.type).toBe('Point');
    expect(markers[0]!.geometry.coordinates[0]).toBeCloseTo(120.001, 9);
    expect(markers[0]!.geometry.coordinates[1]).toBeCloseTo(27.001, 9);
  });

  it('has no bbox when nothing can be drawn', () => {
    expect(buildPreviewCollection([]).bbox).toBeNull();
  });
});
