import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { checkLandUsePlan, type CheckedRedLine } from './land-use-checks';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { createRectangleRing } from './test-fixtures';

const rectangle = (west: number, south: number, east: number, north: number): Polygon => ({ type: 'Polygon', coordinates: [createRectangleRing(west, south, east, north)] });
const area = (west: number, south: number, east: number, north: number) => ellipsoidalAreaSquareMeters(rectangle(west, south, east, north));

const zone = rectangle(0, 0, 500, 250);
const parcels = [
  { id: 'build', landUseClass: '建' as const, geometry: rectangle(0, 0, 250, 250) },
  { id: 'farm', landUseClass: '耕' as const, geometry: rectangle(250, 0, 400, 250) },
  { id: 'green', landUseClass: '绿' as const, geometry: rectangle(400, 0, 500, 250) },
];

function redLineCheck(redLines: readonly CheckedRedLine[] | undefined) {
  return checkLandUsePlan({ zone, freedLand: zone, parcels, ...(redLines ? { redLines } : {}) }).find((check) => check.id === 'redLines');
}

describe('the control-line check of a land-use plan', () => {
  it('is skipped without a control layer', () => {
    expect(redLineCheck(undefined)?.status).toBe('skipped');
    expect(redLineCheck([])?.status).toBe('skipped');
  });

  it('reports each parcel on a line that forbids its class, with the ellipsoidal overlap area; overlapping lines count once', () => {
    const redLines: CheckedRedLine[] = [
      { name: '玉苍山生态红线', lineType: '生态保护红线', geometry: rectangle(200, -50, 300, 300) },
      { name: '渎浦基本农田', lineType: '永久基本农田', geometry: rectangle(-50, -50, 100, 100) },
      // Overlaps the 基本农田 inside the 建 parcel: that area counts once in the total.
      { name: '横阳支江蓝线', lineType: '河道蓝线', geometry: rectangle(50, 50, 120, 120) },
      // Forbids 建 only: the 绿 parcel under it is fine.
      { name: '开发边界外', lineType: '城镇开发边界外', geometry: rectangle(420, 0, 600, 250) },
    ];
    const check = redLineCheck(redLines);
    expect(check?.status).toBe('failed');
    const byLine = Object.fromEntries((check?.offences ?? []).map((offence) => [`${offence.parcelId}/${offence.lineType}`, offence.areaSquareMeters]));
    expect(Object.keys(byLine).sort()).toEqual(['build/永久基本农田', 'build/河道蓝线', 'build/生态保护红线', 'farm/生态保护红线']);
    expect(byLine['build/生态保护红线']).toBeCloseTo(area(200, 0, 250, 250), 0);
    expect(byLine['farm/生态保护红线']).toBeCloseTo(area(250, 0, 300, 250), 0);
    expect(byLine['build/永久基本农田']).toBeCloseTo(area(0, 0, 100, 100), 0);
    expect(byLine['build/河道蓝线']).toBeCloseTo(area(50, 50, 120, 120), 0);
    // 建 on the union of its three lines + 耕 on the 生态保护红线.
    const buildUnion = area(200, 0, 250, 250) + area(0, 0, 100, 100) + area(50, 50, 120, 120) - area(50, 50, 100, 100);
    expect(check?.areaSquareMeters).toBeCloseTo(buildUnion + area(250, 0, 300, 250), 0);
    expect(check?.detail).toContain('建地块压生态保护红线「玉苍山生态红线」');
  });

  it('passes when no parcel lies on a line that forbids it', () => {
    const check = redLineCheck([{ name: '开发边界外', lineType: '城镇开发边界外', geometry: rectangle(420, 0, 600, 250) }]);
    expect(check?.status).toBe('passed');
    expect(check?.areaSquareMeters).toBe(0);
  });
});
