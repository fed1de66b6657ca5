/**
 * The import report the dialog shows and the test handle returns: what was read from each file,
 * and every feature that was repaired or rejected, by file, index, id and rule.
 */
import { sheetToCsv } from '../io/csv-writer';
import type { Sheet } from '../io/sheet';
import { VALIDATION_RULES, type ValidationFinding, type ValidationRule } from '../geo/validation-rules';

export interface ImportItem {
  fileName: string;
  /** Index of the feature in its file (0-based). */
  index: number;
  id: string | null;
  rule: ValidationRule;
  action: ValidationFinding['action'];
  message: string;
  /** On a rejection: a safe repair exists that the user may apply (check again with it). */
  repair?: ValidationFinding['repair'];
  /** Ellipsoidal area before and after a repair, m²; null when it does not apply. */
  areaBeforeSquareMeters: number | null;
  areaAfterSquareMeters: number | null;
}

export interface ImportSourceSummary {
  label: string;
  coordinateSystem: string;
  encoding: string | null;
  featureCount: number;
  warnings: string[];
}

export interface ImportReport {
  kind: string;
  /** What was read from each file or Shapefile layer. */
  sources: ImportSourceSummary[];
  /** Records stored (0 until the import is stored). */
  imported: number;
  repaired: number;
  rejected: number;
  /** The findings: all of them, or (in the dialog) the first ones, rejected and quarantined first. */
  items: ImportItem[];
  /** How many findings there are in all (more than `items` holds when the list was cut). */
  itemCount?: number;
  /** Findings per rule and action, e.g. 100,000 precision repairs. */
  findingCounts?: FindingCount[];
  /** File-level errors; when there are any, nothing was imported. */
  errors: string[];
}

export interface FindingCount {
  rule: ValidationRule;
  action: ImportItem['action'];
  count: number;
}

export const ACTION_LABELS: Record<string, string> = { repaired: '已修复', rejected: '已拒绝', quarantined: '已隔离' };

/** Rejected and quarantined features first (they are not imported), then repairs; each in file order. */
export function orderFindings(items: readonly ImportItem[]): ImportItem[] {
  const weight = (item: ImportItem) => (item.action === 'repaired' ? 1 : 0);
  return items.map((item, position) => ({ item, position }))
    .sort((first, second) => weight(first.item) - weight(second.item) || first.position - second.position)
    .map(({ item }) => item);
}

export function countFindings(items: readonly ImportItem[]): FindingCount[] {
  const counts = new Map<string, FindingCount>();
  for (const item of items) {
    const key = `${item.action}/${item.rule}`;
    const entry = counts.get(key) ?? { rule: item.rule, action: item.action, count: 0 };
    entry.count += 1;
    counts.set(key, entry);
  }
  return [...counts.values()];
}

/** Every finding as CSV (UTF-8 with BOM) for Excel. */
export function findingsCsv(items: readonly ImportItem[]): string {
  const sheet: Sheet = {
    name: '导入报告',
    columns: ['文件', '序号', '编号', '处理', '规则', '原因', '修复前面积（m²）', '修复后面积（m²）'].map((header) => ({ header, numberFormat: null })),
    rows: items.map((item) => [
      item.fileName, item.index + 1, item.id, ACTION_LABELS[item.action] ?? item.action, VALIDATION_RULES[item.rule] ?? item.rule, item.message,
      item.areaBeforeSquareMeters, item.areaAfterSquareMeters,
    ]),
  };
  return sheetToCsv(sheet);
}
