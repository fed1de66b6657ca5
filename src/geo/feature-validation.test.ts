import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { validateFeature } from './feature-validation';

function createFeature(geometry: unknown, properties: unknown = { name: '测试' }) {
  return { type: 'Feature', properties, geometry };
}
/** A square with coordinates already at the 7-decimal storage precision. */
function createSquare(size = 0.001): Position[] {
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  return [[120.4, 27.5], [round(120.4 + size), 27.5], [round(120.4 + size), round(27.5 + size)], [120.4, round(27.5 + size)], [120.4, 27.5]];
}
const rulesOf = (result: ReturnType<typeof validateFeature>) => result.findings.map((finding) => `${finding.action}:${finding.rule}`);

describe('validateFeature', () => {
  it('accepts a valid polygon unchanged and reports no findings', () => {
    const result = validateFeature(createFeature({ type: 'Polygon', coordinates: [createSquare()] }), 'area');
    expect(result.ok).toBe(true);
    expect(rulesOf(result)).toEqual([]);
  });

  it('closes an open ring and removes repeated vertices, reporting both repairs', () => {
    const open = createSquare().slice(0, -1);
    open.splice(1, 0, open[0] as Position);
    const result = validateFeature(createFeature({ type: 'Polygon', coordinates: [open] }), 'area');
    expect(result.ok).toBe(true);
    expect(rulesOf(result).sort()).toEqual(['repaired:duplicateVertices', 'repaired:ringNotClosed']);
    if (result.ok) expect((result.feature.geometry as Polygon).coordinates[0]).toEqual(createSquare());
  });

  it('rounds coordinates to 7 decimals and says so', () => {
    const square = createSquare().map(([x, y]) => [(x as number) + 1e-9, y as number]);
    const result = validateFeature(createFeature({ type: 'Polygon', coordinates: [square] }), 'area');
    expect(rulesOf(result)).toEqual(['repaired:precision']);
    expect(result.ok && (result.feature.geometry as Polygon).coordinates[0]).toEqual(createSquare());
  });

  it('makes outer rings counter-clockwise and holes clockwise', () => {
    const clockwise = [...createSquare()].reverse();
    const result = validateFeature(createFeature({ type: 'Polygon', coordinates: [clockwise] }), 'area');
    expect(result.ok && (result.feature.geometry as Polygon).coordinates[0]).toEqual(createSquare());
  });

  it.each([
    ['a bow-tie', { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.401, 27.501], [120.401, 27.5], [120.4, 27.501], [120.4, 27.5]]] }, 'selfIntersection'],
    ['NaN coordinates', { type: 'Polygon', coordinates: [[[Number.NaN, 27.5], [120.401, 27.5], [120.401, 27.501], [Number.NaN, 27.5]]] }, 'nonFinite'],
    ['projected metres', { type: 'Polygon', coordinates: [[[40500000, 3040000], [40500100, 3040000], [40500100, 3040100], [40500000, 3040000]]] }, 'projected'],
    ['coordinates outside China', { type: 'Polygon', coordinates: [[[10, 45], [10.001, 45], [10.001, 45.001], [10, 45]]] }, 'outsideChina'],
    ['an empty ring', { type: 'Polygon', coordinates: [[]] }, 'ringTooShort'],
    ['a hole outside its shell', { type: 'Polygon', coordinates: [createSquare(), createSquare(0.0001).map(([x, y]) => [(x as number) + 0.01, y as number]).reverse()] }, 'holeOutsideShell'],
    ['a line for an area layer', { type: 'LineString', coordinates: [[120.4, 27.5], [120.41, 27.5]] }, 'geometryType'],
    ['no geometry', null, 'geometryMissing'],
  ])('rejects %s with the rule named', (_name, geometry, rule) => {
    const result = validateFeature(createFeature(geometry), 'area');
    expect(result.ok).toBe(false);
    expect(rulesOf(result)).toEqual([`rejected:${rule}`]);
  });

  it('rejects string properties, which geojson-validation accepts', () => {
    const result = validateFeature(createFeature({ type: 'Polygon', coordinates: [createSquare()] }, 'text'), 'area');
    expect(rulesOf(result)).toEqual(['rejected:structure']);
  });

  it('checks points for point layers', () => {
    expect(validateFeature(createFeature({ type: 'Point', coordinates: [120.4, 27.5] }), 'point').ok).toBe(true);
    expect(rulesOf(validateFeature(createFeature({ type: 'Point', coordinates: [120.4, 27.5] }), 'area'))).toEqual(['rejected:geometryType']);
  });

  describe('bow-tie repair', () => {
    const bowTie = { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.401, 27.501], [120.401, 27.5], [120.4, 27.501], [120.4, 27.5]]] };

    it('offers the split when it rejects a bow-tie', () => {
      const result = validateFeature(createFeature(bowTie), 'area');
      expect(result.ok).toBe(false);
      expect(result.findings[0]).toMatchObject({ rule: 'selfIntersection', repair: 'splitBowTie' });
      expect(result.findings[0]!.message).toContain('可安全修复');
    });

    it('splits it into two valid triangles when asked, reporting the area before and after', () => {
      const result = validateFeature(createFeature(bowTie), 'area', { splitBowTies: true });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.feature.geometry.type).toBe('MultiPolygon');
      const parts = (result.feature.geometry as MultiPolygon).coordinates;
      expect(parts).toHaveLength(2);
      for (const part of parts) expect(validateFeature(createFeature({ type: 'Polygon', coordinates: part }), 'area').findings).toEqual([]);
      // The two lobes are each a quarter of the 0.001° square (the crossing is at its centre).
      const square = ellipsoidalAreaSquareMeters({ type: 'Polygon', coordinates: [createSquare()] });
      const after = ellipsoidalAreaSquareMeters(result.feature.geometry);
      expect(after / (square / 2)).toBeCloseTo(1, 4);
      // Before: the lobes of the crossing ring cancel, so its signed area is ~0.
      expect(result.areaBeforeSquareMeters!).toBeLessThan(square * 0.001);
      const finding = result.findings.find((item) => item.rule === 'bowTieSplit')!;
      expect(finding.action).toBe('repaired');
      expect(finding.message).toContain(`→ ${after.toFixed(2)} m²`);
    });

    it('keeps rejecting a crossing ring that has holes (no safe split)', () => {
      const withHole = { type: 'Polygon', coordinates: [bowTie.coordinates[0], [[120.4001, 27.5004], [120.4001, 27.5006], [120.4002, 27.5005], [120.4001, 27.5004]]] };
      const result = validateFeature(createFeature(withHole), 'area', { splitBowTies: true });
      expect(result.ok).toBe(false);
      expect(result.findings[0]).toMatchObject({ rule: 'selfIntersection' });
      expect(result.findings[0]!.repair).toBeUndefined();
    });
  });
});
