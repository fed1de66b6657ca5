/**
 * A small strict reader of Well-Known Text for the geometries a table column carries: POINT,
 * POLYGON and MULTIPOLYGON (2D; Z / M / ZM values are read and dropped; an EWKT `SRID=n;` prefix
 * is accepted and returned). Anything else — other types, NaN, missing parentheses, trailing text —
 * is an error that says what was expected where.
 */
import type { Point, MultiPolygon, Polygon, Position } from 'geojson';

export const WKT_MAX_LENGTH = 10 * 1024 * 1024;

export type WktResult = { ok: true; geometry: Point | Polygon | MultiPolygon | null; srid: number | null } | { ok: false; error: string };

class WktError extends Error {}

class Scanner {
  position = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position] as string)) this.position += 1;
  }

  fail(expected: string): never {
    this.skipSpace();
    const found = this.position >= this.text.length ? '结尾' : `「${this.text.slice(this.position, this.position + 12)}」`;
    throw new WktError(`第 ${this.position + 1} 个字符处应为${expected}，实际为${found}`);
  }

  word(): string {
    this.skipSpace();
    const match = /^[A-Za-z]+/.exec(this.text.slice(this.position, this.position + 32));
    if (!match) return '';
    this.position += match[0].length;
    return match[0].toUpperCase();
  }

  peekWord(): string {
    const saved = this.position;
    const word = this.word();
    this.position = saved;
    return word;
  }

  symbol(expected: '(' | ')' | ','): void {
    this.skipSpace();
    if (this.text[this.position] !== expected) this.fail(`「${expected}」`);
    this.position += 1;
  }

  tryComma(): boolean {
    this.skipSpace();
    if (this.text[this.position] !== ',') return false;
    this.position += 1;
    return true;
  }

  number(): number {
    this.skipSpace();
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(this.text.slice(this.position, this.position + 64));
    if (!match) this.fail('数字');
    this.position += match[0].length;
    return Number(match[0]);
  }
}

function readPosition(scanner: Scanner, dimensions: number): Position {
  const values: number[] = [];
  for (let index = 0; index < dimensions; index++) values.push(scanner.number());
  return [values[0] as number, values[1] as number];
}

function readList<T>(scanner: Scanner, item: () => T): T[] {
  scanner.symbol('(');
  const items = [item()];
  while (scanner.tryComma()) items.push(item());
  scanner.symbol(')');
  return items;
}

function readPolygon(scanner: Scanner, dimensions: number): Position[][] {
  return readList(scanner, () => readList(scanner, () => readPosition(scanner, dimensions)));
}

/** Parses one WKT value; an EMPTY geometry gives `geometry: null`. */
export function readWkt(text: string): WktResult {
  if (text.length > WKT_MAX_LENGTH) return { ok: false, error: `WKT 超过 ${WKT_MAX_LENGTH / 1048576} MB` };
  const scanner = new Scanner(text);
  try {
    let srid: number | null = null;
    const sridMatch = /^\s*SRID\s*=\s*(\d+)\s*;/i.exec(text);
    if (sridMatch) {
      srid = Number(sridMatch[1]);
      scanner.position = sridMatch[0].length;
    }
    const type = scanner.word();
    if (!['POINT', 'POLYGON', 'MULTIPOLYGON'].includes(type)) {
      const known = /^(LINESTRING|MULTIPOINT|MULTILINESTRING|GEOMETRYCOLLECTION|CIRCULARSTRING|COMPOUNDCURVE|CURVEPOLYGON|MULTICURVE|MULTISURFACE|POLYHEDRALSURFACE|TRIANGLE|TIN)$/.test(type);
      return { ok: false, error: known ? `不支持的 WKT 类型 ${type}（只支持 POINT、POLYGON、MULTIPOLYGON）` : '不是 WKT（应以 POINT、POLYGON 或 MULTIPOLYGON 开头）' };
    }
    const modifier = scanner.peekWord();
    let dimensions = 2;
    if (modifier === 'Z' || modifier === 'M') { scanner.word(); dimensions = 3; }
    else if (modifier === 'ZM') { scanner.word(); dimensions = 4; }
    let geometry: Point | Polygon | MultiPolygon | null;
    if (scanner.peekWord() === 'EMPTY') {
      scanner.word();
      geometry = null;
    } else if (type === 'POINT') {
      scanner.symbol('(');
      geometry = { type: 'Point', coordinates: readPosition(scanner, dimensions) };
      scanner.symbol(')');
    } else if (type === 'POLYGON') {
      geometry = { type: 'Polygon', coordinates: readPolygon(scanner, dimensions) };
    } else {
      geometry = { type: 'MultiPolygon', coordinates: readList(scanner, () => readPolygon(scanner, dimensions)) };
    }
    scanner.skipSpace();
    if (scanner.position < text.length) scanner.fail('结尾');
    return { ok: true, geometry, srid };
  } catch (error) {
    if (error instanceof WktError) return { ok: false, error: `WKT 无法解析：${error.message}` };
    throw error;
  }
}

/** Whether a cell looks like WKT (used to find the geometry column by content). */
export function looksLikeWkt(value: string): boolean {
  return /^\s*(SRID\s*=\s*\d+\s*;\s*)?(POINT|POLYGON|MULTIPOLYGON)\b/i.test(value);
}
