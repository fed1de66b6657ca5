import { describe, expect, it } from 'vitest';
import { looksLikeWkt, readWkt } from './wkt-reader';
import { writeWkt } from './wkt-writer';

describe('WKT reader', () => {
  it('reads POINT, POLYGON with a hole, MULTIPOLYGON, Z values and an EWKT SRID', () => {
    expect(readWkt('POINT (120.4 27.5)')).toEqual({ ok: true, geometry: { type: 'Point', coordinates: [120.4, 27.5] }, srid: null });
    expect(readWkt('SRID=4490;point z(120.4 27.5 3)')).toEqual({ ok: true, geometry: { type: 'Point', coordinates: [120.4, 27.5] }, srid: 4490 });
    const polygon = readWkt('POLYGON ((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2, 1 1))');
    expect(polygon.ok && polygon.geometry).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [10, 0], [10, 10], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 1]]] });
    const multi = readWkt(' MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5))) ');
    expect(multi.ok && multi.geometry?.type).toBe('MultiPolygon');
    expect(readWkt('POLYGON EMPTY')).toEqual({ ok: true, geometry: null, srid: null });
    expect(readWkt('POINT (1e2 -2.5E-1)')).toMatchObject({ ok: true, geometry: { coordinates: [100, -0.25] } });
  });

  it.each([
    ['garbage', 'hello world', '不是 WKT'],
    ['another type', 'LINESTRING (0 0, 1 1)', '不支持的 WKT 类型 LINESTRING'],
    ['NaN', 'POINT (NaN 27.5)', '应为数字'],
    ['a missing parenthesis', 'POLYGON ((0 0, 1 0, 1 1, 0 0)', '应为「)」'],
    ['trailing text', 'POINT (1 2) x', '应为结尾'],
    ['a missing coordinate', 'POINT (1)', '应为数字'],
    ['an empty string', '', '不是 WKT'],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const result = readWkt(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain(reason);
  });

  it('round-trips geometry written by the WKT writer exactly', () => {
    const geometry = { type: 'MultiPolygon' as const, coordinates: [[[[120.4012345, 27.5012345], [120.41, 27.5], [120.41, 27.51], [120.4012345, 27.5012345]]]] };
    expect(readWkt(writeWkt(geometry))).toEqual({ ok: true, geometry, srid: null });
    expect(looksLikeWkt(writeWkt(geometry))).toBe(true);
    expect(looksLikeWkt('多边形')).toBe(false);
  });
});
