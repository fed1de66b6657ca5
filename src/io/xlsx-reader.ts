/**
 * Reads an .xlsx workbook into a table with exceljs (never the `xlsx` package, which has unfixed
 * prototype-pollution advisories): the first worksheet with data, its first row as the header.
 * The archive is first unzipped with the limits of zip-reader.ts (declared sizes checked before
 * inflating, inflated sizes after), so exceljs only ever inflates an archive known to be bounded. Formulas are never
 * evaluated: a formula cell gives its cached result; rich text and hyperlinks give their text.
 * Import this module lazily (exceljs is large).
 */
import ExcelJS from 'exceljs';
import type { Table, TableCell } from './table-features';
import { readZip, type ZipLimits } from './zip-reader';

export const XLSX_MAX_BYTES = 50 * 1024 * 1024;
export const XLSX_MAX_ROWS = 200_000;
export const XLSX_ZIP_LIMITS: ZipLimits = { maxEntries: 1000, maxEntryBytes: 256 * 1024 * 1024, maxTotalBytes: 512 * 1024 * 1024 };

export type XlsxResult = { ok: true; table: Table; sheetName: string; warnings: string[] } | { ok: false; error: string };

function cellValue(value: ExcelJS.CellValue): TableCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, value.getUTCHours() || value.getUTCMinutes() ? 19 : 10);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellValue((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? value.hyperlink);
  if ('error' in value) return null;
  return null;
}

export async function readXlsx(bytes: Uint8Array, fileName: string): Promise<XlsxResult> {
  if (bytes.length > XLSX_MAX_BYTES) return { ok: false, error: `文件 ${fileName} 超过大小上限（${XLSX_MAX_BYTES / 1048576} MB）` };
  const unzipped = readZip(bytes, fileName, XLSX_ZIP_LIMITS);
  if (!unzipped.ok) return { ok: false, error: unzipped.error.includes('无法解压') ? `文件 ${fileName} 不是有效的 .xlsx（${unzipped.error}）` : unzipped.error };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    return { ok: false, error: `文件 ${fileName} 不是有效的 .xlsx：${(error as Error).message}` };
  }
  const sheets = workbook.worksheets.filter((sheet) => sheet.actualRowCount > 0);
  const sheet = sheets[0];
  if (!sheet) return { ok: false, error: `文件 ${fileName} 中没有数据` };
  if (sheet.rowCount > XLSX_MAX_ROWS + 1) return { ok: false, error: `文件 ${fileName} 工作表「${sheet.name}」超过 ${XLSX_MAX_ROWS} 行的上限，请拆分文件` };
  const width = sheet.columnCount;
  const rows: TableCell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: TableCell[] = [];
    for (let column = 1; column <= width; column++) cells.push(cellValue(row.getCell(column).value));
    rows.push(cells);
  });
  const [headerRow, ...data] = rows;
  if (!headerRow || data.length === 0) return { ok: false, error: `文件 ${fileName} 工作表「${sheet.name}」没有数据行（第一行应为表头）` };
  const warnings = sheets.length > 1 ? [`只读取了第一个有数据的工作表「${sheet.name}」，另有 ${sheets.length - 1} 个工作表未读取`] : [];
  return { ok: true, table: { header: headerRow.map((cell) => (cell === null ? '' : String(cell))), rows: data }, sheetName: sheet.name, warnings };
}
