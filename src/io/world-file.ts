/**
 * World files (.pgw, .jgw, .tfw, .wld …): six numbers, one a line — A (pixel width), D (row
 * rotation), B (column rotation), E (pixel height, negative for north-up), C and F (the centre of
 * the top-left pixel). Read into a {@link GeoTransform} of pixel edges. The coordinate system is not
 * in the file: the user names it.
 */
import type { GeoTransform } from '../domain/epochs-georeference';

export type WorldFileResult = { ok: true; value: GeoTransform } | { ok: false; error: string };

/** The extensions a world file may have (lower case, without the dot). */
export const WORLD_FILE_EXTENSIONS = ['pgw', 'pngw', 'jgw', 'jpgw', 'jpegw', 'tfw', 'tifw', 'tiffw', 'wld'] as const;

export function isWorldFileName(name: string): boolean {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return (WORLD_FILE_EXTENSIONS as readonly string[]).includes(extension);
}

/** Parses a world file's text; `fileName` names it in the error. */
export function parseWorldFile(text: string, fileName: string): WorldFileResult {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const fail = (rule: string): WorldFileResult => ({ ok: false, error: `世界文件 ${fileName}：${rule}` });
  if (lines.length !== 6) return fail(`须为 6 行数字（A、D、B、E、C、F），实际 ${lines.length} 行`);
  const numbers = lines.map((line) => (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(line) ? Number(line) : Number.NaN));
  const bad = numbers.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) return fail(`第 ${bad + 1} 行「${lines[bad]}」不是数字`);
  const [a, d, b, e, c, f] = numbers as [number, number, number, number, number, number];
  if (a * e - b * d === 0) return fail('像元大小为 0 或行列方向重合，无法定位影像');
  // C, F name the centre of the top-left pixel; the transform starts at its outer corner.
  return { ok: true, value: [c - a / 2 - b / 2, a, b, f - d / 2 - e / 2, d, e] };
}
