/**
 * CSV for Excel users in China: UTF-8 with a BOM (so Excel detects the encoding), CRLF line ends,
 * RFC 4180 quoting, and formula-safe text — a cell that starts with = + - @ or a tab/CR would be
 * run as a formula by spreadsheet programs, so it gets a leading apostrophe.
 */
import type { CellValue, Sheet } from './sheet';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text. Numbers stay numbers; text is neutralised and quoted when needed. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function sheetToCsv(sheet: Sheet): string {
  const lines = [sheet.columns.map((column) => csvCell(column.header)), ...sheet.rows.map((row) => row.map(csvCell))];
  return `\uFEFF${lines.map((cells) => cells.join(',')).join('\r\n')}\r\n`;
}
