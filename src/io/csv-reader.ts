/**
 * Reads CSV (and tab- or semicolon-separated text) into a table: UTF-8 with or without a BOM,
 * UTF-16 with a BOM (Excel's "Unicode text"), else GBK/GB18030 detected from the bytes; RFC 4180
 * quoting (separators, quotes and line breaks inside quoted fields); every value stays text, so
 * `=1+1` or `001` arrive exactly as written. Size, row and column limits give clear errors.
 */
import { ENCODING_LABELS, decodeText, sniffTextEncoding } from './text-encoding';
import type { Table } from './table-features';

export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxBytes: 100 * 1024 * 1024, maxRows: 200_000, maxColumns: 500 };

export type CsvResult = { ok: true; table: Table; encoding: string; delimiter: string } | { ok: false; error: string };

function decode(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'UTF-16BE' };
  const encoding = sniffTextEncoding(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { text: decodeText(bytes, encoding), encoding: `${ENCODING_LABELS[encoding]}${bom ? '（带 BOM）' : ''}` };
}

/** The separator that splits the first line into the most fields (outside quotes). */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, 65536).split(/\r?\n/)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = [',', '\t', ';', '|'].map((delimiter) => [delimiter, unquoted.split(delimiter).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** RFC 4180 parsing; throws with the line number on an unterminated quote or a limit. */
function parseRows(text: string, delimiter: string, limits: CsvLimits): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let quoteLine = 0;
  const endRow = () => {
    row.push(field);
    field = '';
    if (row.length > limits.maxColumns) throw new Error(`第 ${line} 行超过 ${limits.maxColumns} 列`);
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    if (rows.length > limits.maxRows + 1) throw new Error(`超过 ${limits.maxRows} 行的上限，请拆分文件`);
    row = [];
  };
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') { field += '"'; index += 1; } else quoted = false;
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
    } else if (character === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (character === delimiter) {
      row.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      endRow();
      line += 1;
    } else {
      field += character;
    }
  }
  if (quoted) throw new Error(`第 ${quoteLine} 行的引号没有闭合`);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

export function readCsv(bytes: Uint8Array, fileName: string, limits: CsvLimits = DEFAULT_CSV_LIMITS): CsvResult {
  if (bytes.length > limits.maxBytes) return { ok: false, error: `文件 ${fileName} 超过大小上限（${Math.round(limits.maxBytes / 1048576)} MB）` };
  const { text, encoding } = decode(bytes);
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  let rows: string[][];
  try {
    rows = parseRows(body, delimiter, limits);
  } catch (error) {
    return { ok: false, error: `文件 ${fileName}：${(error as Error).message}` };
  }
  const [header, ...data] = rows;
  if (!header || data.length === 0) return { ok: false, error: `文件 ${fileName} 没有数据行（第一行应为表头）` };
  return { ok: true, table: { header, rows: data }, encoding, delimiter };
}
