import { describe, expect, it } from 'vitest';
import { applyGeoTransform } from '../domain/epochs-georeference';
import { isWorldFileName, parseWorldFile } from './world-file';

describe('parseWorldFile', () => {
  it('turns the centre of the top-left pixel into the outer corner', () => {
    const result = parseWorldFile('0.5\n0\n0\n-0.5\n40500000.25\n3045000.75\n', 'a.pgw');
    expect(result).toEqual({ ok: true, value: [40500000, 0.5, 0, 3045001, 0, -0.5] });
    if (!result.ok) return;
    // The centre of pixel (0, 0) is half a pixel in from the corner: back to C, F.
    expect(applyGeoTransform(result.value, 0.5, 0.5)).toEqual([40500000.25, 3045000.75]);
  });

  it('accepts CRLF, blank lines and exponents', () => {
    expect(parseWorldFile('1e-5\r\n0\r\n0\r\n-1E-5\r\n120.0\r\n27.5\r\n\r\n', 'b.jgw').ok).toBe(true);
  });

  it('names the file and the rule when it is wrong', () => {
    expect(parseWorldFile('1\n0\n0\n-1\n5', 'x.pgw')).toEqual({ ok: false, error: '世界文件 x.pgw：须为 6 行数字（A、D、B、E、C、F），实际 5 行' });
    expect(parseWorldFile('1\n0\n0\n-1\nabc\n5', 'x.pgw')).toMatchObject({ ok: false, error: expect.stringContaining('第 5 行「abc」不是数字') });
    expect(parseWorldFile('0\n0\n0\n-1\n1\n5', 'x.tfw')).toMatchObject({ ok: false, error: expect.stringContaining('像元大小为 0') });
  });

  it('knows world file names', () => {
    expect(['a.pgw', 'B.JGW', 'c.tfw', 'd.wld'].every(isWorldFileName)).toBe(true);
    expect(isWorldFileName('e.png')).toBe(false);
  });
});
