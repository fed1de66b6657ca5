import type { MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { classifyCoverage } from './coverage';
import { createRectangleRing, createRing, createViolation } from './test-fixtures';

/** A 城中村 block in two parts (a MultiPolygon), 100 m apart. */
function createVillageBlockGeometry(): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: [[createRectangleRing(0, 0, 100, 100)], [createRectangleRing(200, 0, 300, 100)]] };
}

describe('classifyCoverage', () => {
  it('lists buildings wholly and partly inside a multi-part block, in input order', () => {
    const buildings = [
      createViolation('outside-between-parts', [createRectangleRing(120, 10, 180, 20)]),
      createViolation('in-second-part', [createRectangleRing(210, 10, 230, 20)]),
      createViolation('across-first-part', [createRectangleRing(90, 50, 110, 60)]),
      createViolation('in-first-part', [createRectangleRing(10, 10, 20, 20)]),
    ];
    expect(classifyCoverage(createVillageBlockGeometry(), buildings)).toEqual({
      whollyInsideIds: ['in-second-part', 'in-first-part'],
      partlyInsideIds: ['across-first-part'],
      unmeasuredIds: [],
    });
  });

  it('accepts a feature as container and returns empty lists for no features', () => {
    const block = { type: 'Feature' as const, properties: {}, geometry: createVillageBlockGeometry() };
    expect(classifyCoverage(block, [])).toEqual({ whollyInsideIds: [], partlyInsideIds: [], unmeasuredIds: [] });
  });

  it('regression: a boundary notch between the vertices makes a building partly inside', () => {
    const block = { type: 'Polygon' as const, coordinates: [createRing([[0, 0], [100, 0], [100, 100], [50.5, 100], [50.5, 59.9], [49.5, 59.9], [49.5, 100], [0, 100]])] };
    const building = createViolation('notched', [createRectangleRing(40, 50, 60, 60)]);
    expect(classifyCoverage(block, [building]).partlyInsideIds).toEqual(['notched']);
  });
});
