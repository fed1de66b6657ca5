/**
 * Writes sheets to an .xlsx workbook with exceljs: Chinese headers, numbers as numeric cells with
 * number formats (so areas can be summed in Excel), text as text. Text that looks like a formula
 * is stored as a plain string value, which Excel never evaluates.
 */
import ExcelJS from 'exceljs';
import type { Sheet } from './sheet';

const INVALID_SHEET_NAME_CHARACTERS = /[\\/?*[\]:]/g;

export function safeSheetName(name: string, used: Set<string>): string {
  const base = name.replace(INVALID_SHEET_NAME_CHARACTERS, '_').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let suffix = 2; used.has(candidate); suffix++) candidate = `${base.slice(0, 28)}(${suffix})`;
  used.add(candidate);
  return candidate;
}

export async function sheetsToXlsx(sheets: readonly Sheet[], creator = '拆整一张图'): Promise<ArrayBuffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = creator;
  const used = new Set<string>();
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(safeSheetName(sheet.name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheet.columns.map((column) => ({ header: column.header, width: column.width ?? Math.max(10, column.header.length * 2 + 2) }));
    worksheet.getRow(1).font = { bold: true };
    for (const values of sheet.rows) {
      const row = worksheet.addRow(values.map((value) => (value === null ? null : value)));
      sheet.columns.forEach((column, index) => {
        if (column.numberFormat && typeof values[index] === 'number') row.getCell(index + 1).numFmt = column.numberFormat;
      });
    }
  }
  return (await workbook.xlsx.writeBuffer()) as ArrayBuffer;
}
