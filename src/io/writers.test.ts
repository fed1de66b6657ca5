import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvCell, sheetToCsv } from './csv-writer';
import type { Sheet } from './sheet';
import { safeSheetName, sheetsToXlsx } from './xlsx-writer';

function createSheet(): Sheet {
  return {
    name: '乡镇统计',
    columns: [{ header: '乡镇', numberFormat: null }, { header: '面积（万m²）', numberFormat: '#,##0.00' }, { header: '完成率', numberFormat: '0.0%' }],
    rows: [['灵溪镇', 12.34, 0.753], ['=HYPERLINK("http://x")', 1.5, null], ['宜山镇, "梁宅村"', 0, 1]],
  };
}

describe('CSV', () => {
  it('starts with a BOM, uses CRLF and quotes commas and quotes', () => {
    const csv = sheetToCsv(createSheet());
    expect(csv.startsWith('\uFEFF乡镇,面积（万m²）,完成率\r\n')).toBe(true);
    expect(csv).toContain('"宜山镇, ""梁宅村""",0,1\r\n');
  });

  it('neutralises cells that a spreadsheet would run as formulas', () => {
    for (const dangerous of ['=1+1', '+1', '-1+2', '@SUM(A1)', '\t=1']) expect(csvCell(dangerous).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
  });
});

describe('XLSX', () => {
  it('writes Chinese headers, numbers as numbers with formats, and formula-like text as text', async () => {
    const buffer = await sheetsToXlsx([createSheet(), { ...createSheet(), name: '违建台账' }]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['乡镇统计', '违建台账']);
    const sheet = workbook.getWorksheet('乡镇统计')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '乡镇', '面积（万m²）', '完成率']);
    expect(sheet.getCell('B2').value).toBe(12.34);
    expect(sheet.getCell('B2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('A3').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell('A3').formula).toBeUndefined();
  });

  it('makes sheet names valid and unique', () => {
    const used = new Set<string>();
    expect(safeSheetName('a/b:c', used)).toBe('a_b_c');
    expect(safeSheetName('a/b:c', used)).toBe('a_b_c(2)');
  });
});
