import { describe, expect, it } from 'vitest';
import { ellipsoidalAreaSquareMeters } from '../geo/ellipsoidal-area';
import { createRectangleRing, createRing } from '../geo/test-fixtures';
import { MeasureStore, measureLine, measureRing } from './drawing-measure';

describe('drawing measure', () => {
  it('measures a ring drawn so far, ignoring the pointer resting on the last vertex', () => {
    const ring = createRectangleRing(0, 0, 100, 100);
    const drawing = [...ring.slice(0, 4), ring[3]!, ring[0]!];
    const measure = measureRing('polygon', drawing);
    // Positions are rounded to the stored 7 decimals (≈ 1 cm) before measuring.
    expect(Math.abs(measure.areaSquareMeters - ellipsoidalAreaSquareMeters({ type: 'Polygon', coordinates: [ring] }))).toBeLessThan(2);
    expect(measure.perimeterMeters).toBeGreaterThan(398);
    expect(measure.selfIntersecting).toBe(false);
  });

  it('reports a crossing while it lasts and gives 0 for fewer than 3 vertices', () => {
    expect(measureRing('edit', createRing([[0, 0], [100, 100], [100, 0], [0, 100]])).selfIntersecting).toBe(true);
    expect(measureRing('polygon', createRing([[0, 0], [100, 0]])).areaSquareMeters).toBe(0);
    expect(measureLine(createRing([[0, 0], [100, 0]]).slice(0, 2)).perimeterMeters).toBeCloseTo(100, 0);
  });

  it('notifies only when the figures change visibly', () => {
    const store = new MeasureStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.set({ tool: 'line', areaSquareMeters: 0, perimeterMeters: 10, selfIntersecting: false });
    store.set({ tool: 'line', areaSquareMeters: 0, perimeterMeters: 10.001, selfIntersecting: false });
    store.set(null);
    expect(calls).toBe(2);
    expect(store.getSnapshot()).toBeNull();
  });
});
