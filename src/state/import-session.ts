/**
 * One import, in stages, holding what it read between them (it runs in the import worker, or on
 * the calling thread in Node): `read` the files and decide their coordinate systems; `check` every
 * feature for the chosen layer and field mapping (validate, repair, normalise) and build the map
 * preview; `takePackedRecords` hands the accepted records over in slices, so that no single message
 * carries 100,000 features, packed (geometries as transferred typed arrays, see record-packing.ts).
 * `storeAccepted` then writes them, with the journal the main thread built for them (sent before in
 * batches with `stageJournal`), in one transaction (see import-write.ts). Progress is reported at
 * most every {@link PROGRESS_INTERVAL_MS}.
 */
import { transfer } from 'comlink';
import type { Feature } from 'geojson';
import type { CoordinateSystem } from '../domain/coordinate-system';
import type { Township, Village } from '../domain/records';
import { validateFeature } from '../geo/feature-validation';
import { VALIDATION_RULES } from '../geo/validation-rules';
import { applyFieldMapping, collectSourceFields, type FieldMapping, type SourceField } from './import-field-mapping';
import { buildPreviewCollection, type PreviewStatus } from './import-preview-geometry';
import { readImportSources, type FileLike, type ImportSource } from './import-sources';
import { countFindings, findingsCsv, orderFindings, type ImportItem, type ImportReport, type ImportSourceSummary } from './import-report';
import { geometryExpectationOf, isImportableKind, normaliseRecord, type ImportableKind } from './record-normalisers';
import { packRecords, type PackedRecords } from '../workers/record-packing';
import { throttleProgress } from './progress-throttle';
import type { JournalEntryInput } from '../storage/journal';
import { writeImport, type ImportWriteOutcome, type ImportWriteRequest } from './import-write';

export type ImportStage = 'read' | 'validate' | 'preview' | 'transfer' | 'store';

export interface ImportProgress {
  stage: ImportStage;
  done: number;
  total: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

export const PROGRESS_INTERVAL_MS = 100;

/** The user must decide the coordinate system: none could be decided, or it was guessed from the numbers. */
export interface CoordinateQuestion {
  reason: string;
  /** The system detected from the numbers, when there is one. */
  detected: string | null;
}

export type ReadResult =
  | { ok: true; sources: ImportSourceSummary[]; fields: SourceField[]; featureCount: number; question: CoordinateQuestion | null }
  | { ok: false; error: string; question: CoordinateQuestion | null };

export interface CheckRequest {
  kind: string;
  mapping: FieldMapping;
  /** Ids already stored for the kind (a feature with one of them is rejected). */
  existingIds: readonly string[];
  townships: readonly Township[];
  villages: readonly Village[];
  isoDate: string;
  /** Makes generated ids unique to this import. */
  stamp: string;
  /**
   * Findings returned in the report, rejected first (all when undefined); the whole list then comes
   * as CSV. A 100,000-feature file can have 100,000 findings: the dialog asks for the first ones.
   */
  itemLimit?: number;
  /** Apply the bow-tie split (a safe repair the report offers) instead of rejecting bow-ties. */
  splitBowTies?: boolean;
}

export interface CheckResult {
  /** The report so far: `imported` stays 0 until the records are stored. */
  report: ImportReport;
  /** How many records would be imported. */
  accepted: number;
  /** Rejected features the bow-tie split would repair. */
  bowTies: number;
  /** Every finding as CSV when the report's list was cut to `itemLimit`, else null. */
  findingsCsv: Blob | null;
  /**
   * An object URL of the preview GeoJSON (features carry `index` and `status`) for the map to load,
   * or null when there is nothing to draw. Made here, not on the main thread, where registering a
   * 30 MB blob took 40 ms; valid until the next check, `clear`, or the end of the worker.
   */
  previewUrl: string | null;
  /** [west, south, east, north] of what the preview shows, or null when nothing is drawable. */
  bbox: [number, number, number, number] | null;
  /** The preview has marker points for the zoomed-out map (a large import). */
  markers: boolean;
}

function candidateId(feature: unknown): string | null {
  const { id, properties } = (feature ?? {}) as { id?: unknown; properties?: Record<string, unknown> | null };
  const value = id ?? properties?.['id'];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

export function emptyReport(kind: string, errors: string[]): ImportReport {
  return { kind, sources: [], imported: 0, repaired: 0, rejected: 0, items: [], errors };
}

function questionOf(sources: readonly ImportSource[]): CoordinateQuestion | null {
  const guessed = sources.find((source) => source.decidedBy === 'numbers' && !/经纬度$/.test(source.coordinateSystem));
  return guessed ? { reason: `${guessed.label}：坐标不是经纬度，按数值识别为「${guessed.coordinateSystem}」，请确认或选择坐标系`, detected: guessed.coordinateSystem } : null;
}

export class ImportSession {
  private sources: ImportSource[] = [];
  private records: (Feature & { id: string })[] = [];
  private journal: JournalEntryInput[] = [];
  private previewUrl: string | null = null;

  /** A new object URL of the preview (the previous one revoked). */
  private previewUrlOf(json: string): string {
    this.revokePreview();
    this.previewUrl = URL.createObjectURL(new Blob([json], { type: 'application/geo+json' }));
    return this.previewUrl;
  }

  private revokePreview(): void {
    if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
    this.previewUrl = null;
  }

  /** Reads and converts the files; `chosen` overrides every file's own coordinate system. */
  async read(files: readonly FileLike[], chosen?: CoordinateSystem, onProgress?: ProgressListener): Promise<ReadResult> {
    this.sources = [];
    this.records = [];
    onProgress?.({ stage: 'read', done: 0, total: 1 });
    const read = await readImportSources(files, chosen);
    onProgress?.({ stage: 'read', done: 1, total: 1 });
    if (!read.ok) return { ok: false, error: read.error, question: read.coordinateQuestion ? { reason: read.error, detected: null } : null };
    this.sources = read.sources;
    return {
      ok: true,
      sources: read.sources.map((source) => ({
        label: source.label, coordinateSystem: source.coordinateSystem, encoding: source.encoding, featureCount: source.features.length, warnings: source.warnings,
      })),
      fields: collectSourceFields(read.sources.flatMap((source) => source.features)),
      featureCount: read.sources.reduce((sum, source) => sum + source.features.length, 0),
      question: chosen ? null : questionOf(read.sources),
    };
  }

  /** Validates, repairs and normalises every feature read; keeps the accepted records for {@link takeRecords}. */
  check(request: CheckRequest, onProgress?: ProgressListener): CheckResult {
    this.records = [];
    this.journal = [];
    const kind = request.kind;
    if (!isImportableKind(kind)) return { report: emptyReport(kind, [`「${kind}」类型暂不支持导入`]), accepted: 0, bowTies: 0, findingsCsv: null, previewUrl: null, bbox: null, markers: false };
    const target: ImportableKind = kind;
    const report = emptyReport(target, []);
    const existingIds = new Set(request.existingIds);
    const seenIds = new Set<string>();
    const context = { townships: request.townships, villages: request.villages, isoDate: request.isoDate };
    const total = this.sources.reduce((sum, source) => sum + source.features.length, 0);
    const progress = onProgress ? throttleProgress(onProgress, PROGRESS_INTERVAL_MS) : () => undefined;
    const previewFeatures: { geometry: unknown; status: PreviewStatus; index: number; label: string }[] = [];
    let done = 0;
    for (const source of this.sources) {
      source.features.forEach((candidate, index) => {
        progress({ stage: 'validate', done: done++, total });
        const sourceId = candidateId(candidate);
        const itemBase = { fileName: source.label, index, id: sourceId, areaBeforeSquareMeters: null, areaAfterSquareMeters: null };
        const keyItems: ImportItem[] = (source.strippedKeys.get(index) ?? []).map((key) => ({
          ...itemBase, rule: 'unsafeKey', action: 'repaired', message: `${VALIDATION_RULES.unsafeKey}：已删除属性「${key}」`,
        }));
        report.items.push(...keyItems);
        const result = validateFeature(candidate, geometryExpectationOf(target), { splitBowTies: request.splitBowTies === true });
        const id = sourceId ?? `imp-${request.stamp}-${this.records.length + report.rejected + 1}`;
        const rawGeometry = (candidate as { geometry?: unknown } | null)?.geometry;
        if (!result.ok || existingIds.has(id) || seenIds.has(id)) {
          report.rejected += 1;
          report.items.push(...(result.ok
            ? [{ ...itemBase, rule: 'duplicateId' as const, action: 'rejected' as const, message: `${VALIDATION_RULES.duplicateId}：${id}` }]
            : result.findings.map((finding) => ({ ...itemBase, ...finding }))));
          previewFeatures.push({ geometry: rawGeometry, status: 'rejected', index, label: source.label });
          return;
        }
        seenIds.add(id);
        const mapped = { ...result.feature, properties: applyFieldMapping(target, result.feature.properties ?? {}, request.mapping) };
        const record = normaliseRecord(target, mapped, id, { ...context, index: this.records.length });
        const areaAfter = (record.properties as { areaSquareMeters?: number }).areaSquareMeters ?? null;
        const repaired = result.findings.length > 0 || keyItems.length > 0;
        if (repaired) report.repaired += 1;
        report.items.push(...result.findings.map((finding) => ({
          ...itemBase, id, ...finding, areaBeforeSquareMeters: result.areaBeforeSquareMeters, areaAfterSquareMeters: areaAfter,
        })));
        previewFeatures.push({ geometry: record.geometry, status: repaired ? 'repaired' : 'accepted', index, label: source.label });
        this.records.push(record);
      });
    }
    progress({ stage: 'preview', done: 0, total: 1 });
    const preview = buildPreviewCollection(previewFeatures);
    progress({ stage: 'preview', done: 1, total: 1 });
    report.sources = this.sources.map((source) => ({
      label: source.label, coordinateSystem: source.coordinateSystem, encoding: source.encoding, featureCount: source.features.length, warnings: source.warnings,
    }));
    const allItems = report.items;
    report.itemCount = allItems.length;
    report.findingCounts = countFindings(allItems);
    const cut = request.itemLimit !== undefined && allItems.length > request.itemLimit;
    if (request.itemLimit !== undefined) report.items = orderFindings(allItems).slice(0, request.itemLimit);
    const csv = cut ? new Blob([findingsCsv(allItems)], { type: 'text/csv;charset=utf-8' }) : null;
    const bowTies = new Set(allItems.filter((item) => item.action === 'rejected' && item.repair === 'splitBowTie').map((item) => `${item.fileName}#${item.index}`)).size;
    return { report, accepted: this.records.length, bowTies, findingsCsv: csv, previewUrl: this.previewUrlOf(preview.json), bbox: preview.bbox, markers: preview.markers };
  }

  /** How many records the last check accepted. */
  recordCount(): number {
    return this.records.length;
  }

  /** A slice of the accepted records. */
  takeRecords(start: number, count: number): (Feature & { id: string })[] {
    return this.records.slice(start, start + count);
  }

  /**
   * A slice of the accepted records, packed; its typed arrays are transferred when the session runs
   * in a worker (comlink). Rebuild it with `unpackRecords`.
   */
  takePackedRecords(start: number, count: number): PackedRecords<Feature & { id: string }> {
    const { packed, transferables } = packRecords(this.takeRecords(start, count));
    return transfer(packed, transferables);
  }

  /** Adds journal entries of the edit {@link storeAccepted} will write. */
  stageJournal(entries: readonly JournalEntryInput[]): void {
    this.journal.push(...entries);
  }

  /** Stores every accepted record, with the staged journal, in one transaction; the staged journal is then dropped. */
  async storeAccepted(request: ImportWriteRequest, onProgress?: ProgressListener): Promise<ImportWriteOutcome> {
    const journal = this.journal;
    this.journal = [];
    const total = this.records.length;
    return writeImport(request, this.records, journal, onProgress && ((done) => onProgress({ stage: 'store', done, total })));
  }

  /** Drops everything read. */
  clear(): void {
    this.sources = [];
    this.records = [];
    this.journal = [];
    this.revokePreview();
  }
}
