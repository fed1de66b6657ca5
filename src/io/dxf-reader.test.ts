import { readFileSync } from 'node:fs';
import type { Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { dxfEncoding, dxfText, readDxf } from './dxf-reader';

const fixture = (path: string) => new Uint8Array(readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url)));
const NAMES = ['灵溪镇 东门村 违建一', '宜山镇 梁宅村 厂房', '钱库镇 L形附房', '金乡镇 两处棚屋'];

/** A minimal DXF (R12 style: no header) with the given ENTITIES section body. */
function dxf(entities: string): Uint8Array {
  return new TextEncoder().encode(`0\nSECTION\n2\nENTITIES\n${entities}0\nENDSEC\n0\nEOF\n`);
}
const lwpolyline = (points: [number, number, number?][], closed: boolean, layer = '违建') =>
  `0\nLWPOLYLINE\n8\n${layer}\n90\n${points.length}\n70\n${closed ? 1 : 0}\n${points.map(([x, y, bulge]) => `10\n${x}\n20\n${y}\n${bulge ? `42\n${bulge}\n` : ''}`).join('')}`;
const line = (x1: number, y1: number, x2: number, y2: number) => `0\nLINE\n8\n0\n10\n${x1}\n20\n${y1}\n11\n${x2}\n21\n${y2}\n`;
const planarArea = (ring: Position[]) => Math.abs(ring.slice(1).reduce((sum, point, index) => sum + (ring[index]![0] as number) * (point[1] as number) - (point[0] as number) * (ring[index]![1] as number), 0) / 2);

describe('DXF reader', () => {
  it('reads GDAL-written closed polylines in Gauss-Krüger metres, with \\U+ escaped MTEXT names and a hole', () => {
    const result = readDxf(fixture('dxf/gk120_escaped.dxf'), 'gk120_escaped.dxf');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [layer] = result.layers;
    expect(layer!.coordinateSystem).toBeNull();
    expect(layer!.features).toHaveLength(5);
    const names = layer!.features.map((feature) => feature.properties?.['名称']);
    // The second part of 金乡镇 两处棚屋 has no label of its own.
    expect(new Set(names)).toEqual(new Set([...NAMES, undefined]));
    const withHole = layer!.features.find((feature) => feature.properties?.['名称'] === '宜山镇 梁宅村 厂房')!;
    expect((withHole.geometry as Polygon).coordinates).toHaveLength(2);
    expect(layer!.warnings).toContain('1 个位于其他闭合图形内的图形按内环（洞）处理');
    const first = (layer!.features[0]!.geometry as Polygon).coordinates[0]![0]!;
    expect(first[0]).toBeGreaterThan(500_000);
    expect(first[0]).toBeLessThan(600_000);
  });

  it('decodes GBK text by $DWGCODEPAGE ANSI_936 (AutoCAD 2000 file with zone-prefixed eastings)', () => {
    const bytes = fixture('dxf/zone40_gbk.dxf');
    expect(dxfEncoding(bytes)).toEqual({ encoding: 'gb18030', source: '$DWGCODEPAGE ANSI_936' });
    const result = readDxf(bytes, 'zone40_gbk.dxf');
    expect(result.ok && result.layers[0]!.encoding).toBe('GBK/GB18030（$DWGCODEPAGE ANSI_936）');
    expect(result.ok && new Set(result.layers[0]!.features.map((feature) => feature.properties?.['名称']))).toEqual(new Set([...NAMES, undefined]));
    const first = result.ok ? (result.layers[0]!.features[0]!.geometry as Polygon).coordinates[0]![0]! : [0];
    expect(Math.floor((first[0] as number) / 1e6)).toBe(40);
  });

  it('densifies bulges into arcs: a closed polyline of two half-circle bulges is a circle', () => {
    const result = readDxf(dxf(lwpolyline([[0, 0, 1], [100, 0, 1]], true)), 'circle.dxf');
    expect(result.ok).toBe(true);
    const ring = result.ok ? (result.layers[0]!.features[0]!.geometry as Polygon).coordinates[0]! : [];
    expect(ring.length).toBeGreaterThan(300);
    for (const [x, y] of ring) expect(Math.hypot((x as number) - 50, y as number)).toBeCloseTo(50, 9);
    expect(planarArea(ring)).toBeGreaterThan(Math.PI * 2500 * 0.9999);
  });

  it('reads a CIRCLE and a chain of LINEs and an ARC that closes; reports the open line', () => {
    const arc = '0\nARC\n8\n0\n10\n10\n20\n5\n40\n5\n50\n270\n51\n90\n';
    const circle = '0\nCIRCLE\n8\n0\n10\n100\n20\n100\n40\n10\n';
    const result = readDxf(dxf(`${line(0, 0, 10, 0)}${arc}${line(10, 10, 0, 10)}${line(0, 10, 0, 0)}${circle}${line(50, 50, 60, 60)}`), 'chain.dxf');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const areas = result.layers[0]!.features.map((feature) => planarArea((feature.geometry as Polygon).coordinates[0]!));
    expect(areas[0]).toBeCloseTo(Math.PI * 100, 0);
    expect(areas[1]).toBeCloseTo(100 + (Math.PI * 25) / 2, 1);
    expect(result.layers[0]!.warnings).toContain('1 个闭合图形由首尾相连的线段/圆弧拼成');
    expect(result.layers[0]!.warnings.some((warning) => warning.startsWith('1 条未闭合的线未导入'))).toBe(true);
  });

  it('reads polygons GDAL writes as HATCH (its default): boundary paths become rings, a path inside another a hole', () => {
    const result = readDxf(fixture('dxf/gk120_hatch.dxf'), 'gk120_hatch.dxf');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const features = result.layers[0]!.features;
    expect(features).toHaveLength(5);
    expect(features.map((feature) => (feature.geometry as Polygon).coordinates.length).sort()).toEqual([1, 1, 1, 1, 2]);
    expect(result.layers[0]!.warnings).toContain('6 个闭合图形取自填充（HATCH）边界');
  });

  it('does not count a hatch twice when a closed polyline draws the same ring; reads hatch edges (lines and an arc)', () => {
    const square = lwpolyline([[0, 0], [10, 0], [10, 10], [0, 10]], true);
    const polylinePath = '0\nHATCH\n8\n0\n2\nSOLID\n70\n1\n91\n1\n92\n2\n72\n0\n73\n1\n93\n4\n10\n0\n20\n0\n10\n10\n20\n0\n10\n10\n20\n10\n10\n0\n20\n10\n97\n0\n';
    const edgePath = '0\nHATCH\n8\n0\n2\nSOLID\n70\n1\n91\n1\n92\n1\n93\n3\n72\n1\n10\n20\n20\n0\n11\n30\n21\n0\n72\n2\n10\n30\n20\n5\n40\n5\n50\n270\n51\n90\n73\n1\n72\n1\n10\n30\n20\n10\n11\n20\n21\n0\n97\n0\n';
    const result = readDxf(dxf(`${square}${polylinePath}${edgePath}`), 'hatch.dxf');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const areas = result.layers[0]!.features.map((feature) => planarArea((feature.geometry as Polygon).coordinates[0]!));
    expect(areas).toHaveLength(2);
    expect(areas[0]).toBeCloseTo(100, 6);
    // The triangle (20,0)-(30,0)-(30,10) and the half disc of radius 5 right of x = 30.
    expect(areas[1]).toBeCloseTo(50 + (Math.PI * 25) / 2, 1);
  });

  it('turns MTEXT formatting into plain text', () => {
    expect(dxfText('{\\fSimSun|b0|i0|c134;\\H2.5;违建\\P一号}')).toBe('违建\n一号');
    expect(dxfText('\\U+7075\\U+6eaa\\~镇')).toBe('灵溪 镇');
    expect(dxfText('\\M+5C1E9')).toBe('灵');
  });
});

describe('DXF bad inputs', () => {
  it('a drawing with no closed shapes is refused with the count of open lines', () => {
    expect(readDxf(fixture('bad/no-closed-shapes.dxf'), 'no-closed-shapes.dxf')).toEqual({
      ok: false, error: '文件 no-closed-shapes.dxf 中没有闭合图形（闭合多段线、圆，或首尾相连的线段/圆弧），只有 2 条未闭合的线',
    });
  });

  it('a file that is not DXF is refused', () => {
    expect(readDxf(new TextEncoder().encode('hello'), 'x.dxf')).toEqual({ ok: false, error: expect.stringContaining('不是文本格式的 DXF') });
  });

  it('a truncated DXF gets a clear error', () => {
    const truncated = new TextEncoder().encode('0\nSECTION\n2\nENTITIES\n0\nLWPOLYLINE\n90\n');
    expect(readDxf(truncated, 't.dxf')).toEqual({ ok: false, error: expect.stringMatching(/^文件 t\.dxf (不是有效的 DXF|中没有闭合图形)/) });
  });
});
