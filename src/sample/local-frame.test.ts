import { describe, expect, test } from 'vitest';
import { ringSignedAreaSquareMeters } from '../geo/ellipsoidal-area';
import { distanceToRing, pointInRing, starRing, toGeoJsonRing, toLonLat, type Point2 } from './local-frame';
import { createRandom } from './random';

describe('local frame', () => {
  test('maps the origin to 灵溪镇 and 1 km east/north to the right scale', () => {
    expect(toLonLat([0, 0])).toEqual([120.4, 27.5]);
    const [longitude, latitude] = toLonLat([1000, 1000]) as [number, number];
    expect((longitude - 120.4) * 98_800).toBeCloseTo(1000, -1);
    expect((latitude - 27.5) * 110_800).toBeCloseTo(1000, -1);
  });

  test('writes closed rings with RFC 7946 winding whatever the input winding', () => {
    const clockwise: Point2[] = [[0, 0], [0, 10], [10, 10], [10, 0]];
    const outer = toGeoJsonRing(clockwise, true);
    expect(outer[0]).toEqual(outer[outer.length - 1]);
    expect(ringSignedAreaSquareMeters(outer)).toBeGreaterThan(0);
    expect(ringSignedAreaSquareMeters(toGeoJsonRing(clockwise, false))).toBeLessThan(0);
  });

  test('a star ring contains its inscribed disc and lies in its maximum-radius disc', () => {
    const random = createRandom(3);
    for (let trial = 0; trial < 50; trial++) {
      const star = starRing(random.next, { centre: [100, -50], meanRadius: 300, vertexCount: random.integer(6, 16), roughness: 0.3, elongation: 1.4, rotation: 1 });
      expect(distanceToRing(star.centre, star.ring)).toBeGreaterThanOrEqual(star.inscribedRadius - 1e-9);
      expect(pointInRing(star.centre, star.ring)).toBe(true);
      for (const [x, y] of star.ring) expect(Math.hypot(x - 100, y + 50)).toBeLessThanOrEqual(star.maximumRadius + 1e-9);
    }
  });
});
