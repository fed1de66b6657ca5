import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SHARE_TOLERANCE, type LandUseShare } from '../domain/land-use';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { checkLandUsePlan } from './land-use-checks';
import { planParcelsByShares } from './land-use-plan';
import { splitLandByShares } from './land-use-split';
import { createRectangleRing, createRing, createRotatedRing } from './test-fixtures';

const SHARES: LandUseShare[] = [
  { landUseClass: '耕', landUseCode: '0101', sharePercent: 40 },
  { landUseClass: '建', landUseCode: '1001', sharePercent: 35 },
  { landUseClass: '绿', landUseCode: '1401', sharePercent: 25 },
];

function createRectangleZone(): Polygon {
  return { type: 'Polygon', coordinates: [createRectangleRing(0, 0, 400, 250)] };
}

/** A U shape open to the north: concave, so middle strips fall apart into two pieces. */
function createConcaveZone(): Polygon {
  return { type: 'Polygon', coordinates: [createRing([[0, 0], [500, 0], [500, 400], [380, 400], [380, 120], [120, 120], [120, 400], [0, 400]])] };
}

/** A tilted zone with two holes (a pond and a kept building). */
function createZoneWithHoles(): Polygon {
  const shell = createRotatedRing([[0, 0], [600, 0], [600, 300], [0, 300]], 27, [300, 150]);
  return {
    type: 'Polygon',
    coordinates: [shell, createRectangleRing(100, 80, 220, 200).reverse(), createRectangleRing(380, 120, 460, 180).reverse()],
  };
}

/** Scattered demolished footprints (a MultiPolygon of small buildings). */
function createFootprints(): MultiPolygon {
  const squares: [number, number][] = [[10, 10], [60, 15], [130, 20], [40, 80], [150, 90], [220, 40], [260, 120]];
  return { type: 'MultiPolygon', coordinates: squares.map(([east, north]) => [createRectangleRing(east, north, east + 24 + (east % 7), north + 18 + (north % 5))]) };
}

function expectSharesWithinTolerance(land: Polygon | MultiPolygon): void {
  const parcels = planParcelsByShares(land, SHARES);
  expect(parcels.map((parcel) => parcel.landUseClass)).toEqual(['耕', '建', '绿']);
  for (const parcel of parcels) {
    expect(Math.abs(parcel.areaSquareMeters - parcel.targetSquareMeters) / parcel.targetSquareMeters).toBeLessThan(SHARE_TOLERANCE);
  }
  const total = parcels.reduce((sum, parcel) => sum + parcel.areaSquareMeters, 0);
  expect(total).toBeCloseTo(ellipsoidalAreaSquareMeters(land), -1);
}

describe('splitLandByShares', () => {
  it('hits 40/35/25 within 0.5 % on a rectangle', () => expectSharesWithinTolerance(createRectangleZone()));
  it('hits each share within 0.5 % on a concave zone', () => expectSharesWithinTolerance(createConcaveZone()));
  it('hits each share within 0.5 % on a tilted zone with holes', () => expectSharesWithinTolerance(createZoneWithHoles()));
  it('hits each share within 0.5 % on scattered demolished footprints', () => expectSharesWithinTolerance(createFootprints()));

  it('cuts across the longest extent, so strips of a long zone are short pieces of it', () => {
    const zone: Polygon = { type: 'Polygon', coordinates: [createRectangleRing(0, 0, 1000, 100)] };
    const { parts } = splitLandByShares(zone, [0.5, 0.5]);
    const first = parts[0] as Polygon;
    const easts = first.coordinates[0]?.map((position) => position[0] as number) ?? [];
    const width = (Math.max(...easts) - Math.min(...easts)) * 111_320 * Math.cos((27.5 * Math.PI) / 180);
    expect(width).toBeGreaterThan(450);
    expect(width).toBeLessThan(550);
  });

  it('gives null for a zero share and refuses shares that do not add up to 1', () => {
    expect(splitLandByShares(createRectangleZone(), [0.6, 0, 0.4]).parts[1]).toBeNull();
    expect(() => splitLandByShares(createRectangleZone(), [0.6, 0.6])).toThrow(RangeError);
  });
});

describe('checkLandUsePlan', () => {
  const statusOf = (checks: ReturnType<typeof checkLandUsePlan>, id: string) => checks.find((check) => check.id === id)?.status;

  it('passes a plan made by shares on a zone with holes', () => {
    const zone = createZoneWithHoles();
    const parcels = planParcelsByShares(zone, SHARES).map((parcel, index) => ({ id: `p${index}`, landUseClass: parcel.landUseClass, geometry: parcel.geometry }));
    const checks = checkLandUsePlan({ zone, freedLand: zone, parcels });
    expect(statusOf(checks, 'inside')).toBe('passed');
    expect(statusOf(checks, 'overlaps')).toBe('passed');
    expect(statusOf(checks, 'gaps')).toBe('passed');
    expect(statusOf(checks, 'farmlandWidth')).toBe('passed');
    expect(statusOf(checks, 'redLines')).toBe('skipped');
  });

  it('finds overlaps, gaps, parcels outside the zone and thin farmland', () => {
    const zone = createRectangleZone();
    const parcels = [
      { id: 'a', landUseClass: '建' as const, geometry: { type: 'Polygon' as const, coordinates: [createRectangleRing(0, 0, 220, 250)] } },
      { id: 'b', landUseClass: '绿' as const, geometry: { type: 'Polygon' as const, coordinates: [createRectangleRing(200, 0, 300, 250)] } },
      { id: 'c', landUseClass: '耕' as const, geometry: { type: 'Polygon' as const, coordinates: [createRectangleRing(394, 0, 402, 250)] } },
    ];
    const checks = checkLandUsePlan({ zone, freedLand: zone, parcels });
    const overlap = checks.find((check) => check.id === 'overlaps');
    expect(overlap?.status).toBe('failed');
    expect(overlap?.areaSquareMeters).toBeGreaterThan(20 * 250 * 0.99);
    expect(overlap?.areaSquareMeters).toBeLessThan(20 * 250 * 1.01);
    const gap = checks.find((check) => check.id === 'gaps');
    expect(gap?.status).toBe('failed');
    expect(gap?.areaSquareMeters).toBeGreaterThan(94 * 250 * 0.99);
    expect(gap?.areaSquareMeters).toBeLessThan(94 * 250 * 1.01);
    expect(statusOf(checks, 'inside')).toBe('failed');
    expect(statusOf(checks, 'farmlandWidth')).toBe('failed');
  });

  it('finds 建 parcels on a red line when a control layer is given', () => {
    const zone = createRectangleZone();
    const parcels = [{ id: 'a', landUseClass: '建' as const, geometry: zone }];
    const redLines = [{ name: '红线', lineType: '生态保护红线' as const, geometry: { type: 'Polygon' as const, coordinates: [createRectangleRing(350, 0, 500, 50)] } }];
    expect(statusOf(checkLandUsePlan({ zone, freedLand: zone, parcels, redLines }), 'redLines')).toBe('failed');
  });
});
