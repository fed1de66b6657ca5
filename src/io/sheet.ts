/** A table ready for a spreadsheet or CSV: headers, rows of plain values, per-column number formats. */
export type CellValue = string | number | null;

export interface SheetColumn {
  header: string;
  /** Excel number format for numeric cells (e.g. '#,##0.00', '0.0%'); null for text. */
  numberFormat: string | null;
  /** Character width hint for Excel. */
  width?: number;
}

export interface Sheet {
  /** Sheet name (Excel allows 31 characters; longer names are cut). */
  name: string;
  columns: SheetColumn[];
  rows: CellValue[][];
}
