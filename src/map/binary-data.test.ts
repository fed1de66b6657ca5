import { describe, expect, it } from 'vitest';
import { polygonData, positionOffsets } from './binary-data';
import { buildPolygonBuffers } from './binary-polygons';

/** A county-wide spread of small squares (0.4° × 0.3°, the size of the sample county). */
function squares(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const x = 120.2 + (0.4 * (index % 97)) / 96;
    const y = 27.35 + (0.3 * Math.floor(index / 97)) / Math.max(1, Math.floor((count - 1) / 97));
    return { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.0002, y], [x + 0.0002, y + 0.0002], [x, y + 0.0002], [x, y]]] };
  });
}

describe('positions as 32-bit offsets', () => {
  it('are offsets from the middle of the extent, back within a centimetre of every position', () => {
    const { positions } = buildPolygonBuffers(squares(500));
    const { origin, offsets } = positionOffsets(positions);
    let west = Infinity;
    let east = -Infinity;
    for (let index = 0; index < positions.length; index += 2) {
      west = Math.min(west, positions[index] as number);
      east = Math.max(east, positions[index] as number);
    }
    expect(origin[0]).toBeCloseTo((west + east) / 2, 12);
    expect(offsets).toBeInstanceOf(Float32Array);
    expect(offsets).toHaveLength(positions.length);
    let worst = 0;
    for (let index = 0; index < positions.length; index++) {
      const back = (offsets[index] as number) + (origin[index % 2] as number);
      worst = Math.max(worst, Math.abs(back - (positions[index] as number)));
    }
    // A degree of latitude is ≈111 km: 1e-7° ≈ 1 cm (a 64-bit position cast to 32 bits: ≈0.8 m here).
    expect(worst).toBeLessThan(1e-7);
    expect(Math.abs(Math.fround(120.3) - 120.3)).toBeGreaterThan(1e-6);
  });

  it('go to deck as the fill positions, with the origin, only when asked for', () => {
    const polygons = buildPolygonBuffers(squares(3));
    const plain = polygonData({ ids: ['a', 'b', 'c'] }, polygons, null);
    expect(plain.origin).toBeUndefined();
    expect((plain.attributes['getPolygon'] as { value: unknown }).value).toBe(polygons.positions);
    const offsets = positionOffsets(polygons.positions);
    const offset = polygonData({ ids: ['a', 'b', 'c'] }, polygons, null, offsets);
    expect(offset.origin).toEqual(offsets.origin);
    expect((offset.attributes['getPolygon'] as { value: unknown }).value).toBe(offsets.offsets);
    expect((offset.attributes['positions'] as { value: unknown }).value).toBe(offsets.offsets);
  });

  it('of nothing are nothing', () => {
    expect(positionOffsets(new Float64Array(0))).toEqual({ origin: [0, 0], offsets: new Float32Array(0) });
  });
});
