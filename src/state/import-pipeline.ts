/**
 * The import pipeline the UI and the test handle share: read each file, validate and repair each
 * feature, normalise it into a record of the chosen kind and store every accepted record in one
 * transaction. A file that cannot be read stops the whole import (nothing is stored); a rejected
 * feature is listed in the report and the rest is imported.
 */
import type { Feature } from 'geojson';
import { validateFeature } from '../geo/feature-validation';
import { VALIDATION_RULES, type ValidationRule } from '../geo/validation-rules';
import type { CoordinateSystem } from '../domain/coordinate-system';
import { readImportSources, type FileLike } from './import-sources';
import type { ProjectService } from './project-service';
import { geometryExpectationOf, isImportableKind, normaliseRecord, type ImportableKind } from './record-normalisers';
import { isoDateOf } from './violation-commands';

export interface ImportItem {
  fileName: string;
  /** Index of the feature in its file (0-based). */
  index: number;
  id: string | null;
  rule: ValidationRule;
  action: 'repaired' | 'rejected';
  message: string;
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
  imported: number;
  repaired: number;
  rejected: number;
  items: ImportItem[];
  /** File-level errors; when there are any, nothing was imported. */
  errors: string[];
}

export type { FileLike } from './import-sources';

export interface ImportOptions {
  /** Overrides the coordinate system of every file (the user's choice when detection can't decide). */
  coordinateSystem?: CoordinateSystem;
}

function candidateId(feature: unknown): string | null {
  const { id, properties } = feature as { id?: unknown; properties?: Record<string, unknown> | null };
  const value = id ?? properties?.['id'];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

function emptyReport(kind: string, errors: string[]): ImportReport {
  return { kind, sources: [], imported: 0, repaired: 0, rejected: 0, items: [], errors };
}

export async function importFiles(service: ProjectService, files: readonly FileLike[], kind: string, options: ImportOptions = {}): Promise<ImportReport> {
  if (!isImportableKind(kind)) return emptyReport(kind, [`「${kind}」类型暂不支持导入`]);
  const target: ImportableKind = kind;
  await service.opened;
  const state = service.store.getState();
  const existingIds = new Set((state.records[target] as { id: string }[]).map((record) => record.id));
  const seenIds = new Set<string>();
  const context = { townships: state.records.townships, villages: state.records.villages, isoDate: isoDateOf(service.now()) };
  const report = emptyReport(target, []);
  const accepted: (Feature & { id: string })[] = [];
  const stamp = service.now().getTime().toString(36);

  const read = await readImportSources(files, options.coordinateSystem);
  if (!read.ok) return emptyReport(target, [read.error]);
  report.sources = read.sources.map((source) => ({
    label: source.label, coordinateSystem: source.coordinateSystem, encoding: source.encoding, featureCount: source.features.length, warnings: source.warnings,
  }));
  for (const source of read.sources) {
    source.features.forEach((candidate, index) => {
      const sourceId = candidateId(candidate);
      const itemBase = { fileName: source.label, index, id: sourceId, areaBeforeSquareMeters: null, areaAfterSquareMeters: null };
      for (const key of source.strippedKeys.get(index) ?? []) {
        report.items.push({ ...itemBase, rule: 'unsafeKey', action: 'repaired', message: `${VALIDATION_RULES.unsafeKey}：已删除属性「${key}」` });
      }
      const result = validateFeature(candidate, geometryExpectationOf(target));
      const id = sourceId ?? `imp-${stamp}-${accepted.length + report.rejected + 1}`;
      if (result.ok && (existingIds.has(id) || seenIds.has(id))) {
        report.rejected += 1;
        report.items.push({ ...itemBase, rule: 'duplicateId', action: 'rejected', message: `${VALIDATION_RULES.duplicateId}：${id}` });
        return;
      }
      if (!result.ok) {
        report.rejected += 1;
        report.items.push(...result.findings.map((finding) => ({ ...itemBase, ...finding })));
        return;
      }
      seenIds.add(id);
      const record = normaliseRecord(target, result.feature, id, { ...context, index: accepted.length });
      const areaAfter = (record.properties as { areaSquareMeters?: number }).areaSquareMeters ?? null;
      if (result.findings.length > 0 || source.strippedKeys.has(index)) report.repaired += 1;
      report.items.push(...result.findings.map((finding) => ({
        ...itemBase, id, ...finding, areaBeforeSquareMeters: result.areaBeforeSquareMeters, areaAfterSquareMeters: areaAfter,
      })));
      accepted.push(record);
    });
  }
  if (accepted.length > 0) {
    try {
      await service.saveRecords(target, accepted);
    } catch (error) {
      return { ...emptyReport(target, [`保存失败，未导入任何要素：${(error as Error).message}`]), sources: report.sources, items: report.items };
    }
  }
  return { ...report, imported: accepted.length };
}
