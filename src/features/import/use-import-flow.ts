/**
 * The steps of an import in the dialog: read the files in the import worker (asking for the
 * coordinate system when it can't be decided or was only guessed from the numbers), map the fields,
 * check and preview on the map, then store on confirmation — with progress, and a cancel that
 * stops the worker and leaves storage untouched.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoordinateSystem } from '../../domain/coordinate-system';
import { mergeRemembered, parseRememberedMapping, type FieldMapping } from '../../state/import-field-mapping';
import { checkRequestFor, markImport, storeCheckedImport, type ImportReport } from '../../state/import-pipeline';
import { createImportClient, ImportCancelledError, type ImportClient } from '../../state/import-pipeline-client';
import { importPreviewStore } from '../../state/import-preview';
import { emptyReport, type CheckResult, type CoordinateQuestion, type ImportProgress, type ReadResult } from '../../state/import-session';
import type { ProjectService } from '../../state/project-service';
import type { ImportableKind } from '../../state/record-normalisers';
import { throttleProgress } from '../../state/progress-throttle';

/** Longest wait, after confirming, for the map to finish drawing the preview before the records move. */
const PREVIEW_WAIT_LIMIT_MS = 10_000;

export type ReadOk = Extract<ReadResult, { ok: true }>;

export type ImportPhase =
  | { name: 'idle'; message: string | null }
  | { name: 'working'; progress: ImportProgress; cancellable: boolean }
  | { name: 'question'; question: CoordinateQuestion; read: ReadOk | null }
  | { name: 'failed'; report: ImportReport }
  | { name: 'review'; read: ReadOk; checked: CheckResult; stale: boolean; splitBowTies: boolean }
  | { name: 'stored'; report: ImportReport };

/** Resolves after the next frame has been painted (or a macrotask where there are no frames). */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') setTimeout(resolve, 0);
    else requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}

/** Findings the dialog receives from the worker (the rest are in the CSV): 100,000 rows would stall the page. */
const REPORT_ITEM_LIMIT = 1000;

const MAPPING_STORAGE_PREFIX = 'onemap:import-mapping:';

function rememberedMapping(kind: ImportableKind): FieldMapping | null {
  try {
    return parseRememberedMapping(localStorage.getItem(MAPPING_STORAGE_PREFIX + kind));
  } catch {
    return null;
  }
}

function rememberMapping(kind: ImportableKind, mapping: FieldMapping): void {
  try {
    localStorage.setItem(MAPPING_STORAGE_PREFIX + kind, JSON.stringify(mapping));
  } catch {
    // Private mode or a full quota: the mapping is simply not remembered.
  }
}

export function useImportFlow(service: ProjectService, kind: ImportableKind) {
  const [phase, setPhase] = useState<ImportPhase>({ name: 'idle', message: null });
  const [mapping, setMapping] = useState<FieldMapping>({});
  const clientRef = useRef<ImportClient | null>(null);
  const filesRef = useRef<File[]>([]);
  const kindRef = useRef(kind);
  kindRef.current = kind;
  /** Checks made (the latest one's preview is shown), and when its preview was handed to the map. */
  const checkCount = useRef(0);
  const previewShown = useRef<Promise<void>>(Promise.resolve());

  const stop = useCallback(() => {
    clientRef.current?.cancel();
    clientRef.current = null;
    importPreviewStore.set(null);
  }, []);
  useEffect(() => stop, [stop]);
  // The map gets ready to draw a preview while the user picks files.
  useEffect(() => importPreviewStore.expect(), []);

  /** Runs a step on the current client; a cancelled step ends quietly, a failure is reported. */
  const step = useCallback(async (client: ImportClient, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      if (error instanceof ImportCancelledError || client.cancelled) return;
      setPhase({ name: 'failed', report: emptyReport(kindRef.current, [`导入失败：${(error as Error).message}`]) });
    }
  }, []);

  const progressOf = (client: ImportClient, cancellable = true) => throttleProgress((progress: ImportProgress) => {
    // Progress comes through its own message port and may arrive after the step's result: only a
    // step still working takes it.
    if (!client.cancelled) setPhase((current) => (current.name === 'working' ? { name: 'working', progress, cancellable: cancellable && progress.stage !== 'store' } : current));
  });

  const check = useCallback(async (client: ImportClient, read: ReadOk, checkedMapping: FieldMapping, splitBowTies = false) => {
    setPhase({ name: 'working', progress: { stage: 'validate', done: 0, total: read.featureCount }, cancellable: true });
    markImport('check');
    const request = await checkRequestFor(service, kindRef.current, checkedMapping, splitBowTies);
    const checked = await client.check({ ...request, itemLimit: REPORT_ITEM_LIMIT }, progressOf(client));
    if (client.cancelled) return;
    markImport('checked');
    setPhase({ name: 'review', read, checked, stale: false, splitBowTies });
    // The preview goes to the map once the dialog is laid out and painted: MapLibre's workers
    // parse a big preview on both cores, and the dialog's layout alongside took 70–84 ms.
    const preview = checked.previewUrl ? { url: checked.previewUrl, bbox: checked.bbox, markers: checked.markers } : null;
    const thisCheck = (checkCount.current += 1);
    previewShown.current = afterNextPaint().then(() => {
      if (!client.cancelled && thisCheck === checkCount.current) importPreviewStore.set(preview);
    });
  }, [service]);

  const proceed = useCallback(async (client: ImportClient, read: ReadOk) => {
    const merged = mergeRemembered(kindRef.current, read.fields, rememberedMapping(kindRef.current));
    setMapping(merged);
    await check(client, read, merged);
  }, [check]);

  const readFiles = useCallback((files: File[], chosen?: CoordinateSystem) => {
    stop();
    if (files.length === 0) return;
    filesRef.current = files;
    const client = createImportClient();
    clientRef.current = client;
    setPhase({ name: 'working', progress: { stage: 'read', done: 0, total: files.length }, cancellable: true });
    markImport('read');
    void step(client, async () => {
      const read = await client.read(files, chosen, progressOf(client));
      if (client.cancelled) return;
      if (!read.ok) {
        setPhase(read.question ? { name: 'question', question: read.question, read: null } : { name: 'failed', report: emptyReport(kindRef.current, [read.error]) });
        return;
      }
      if (read.question) {
        setPhase({ name: 'question', question: read.question, read });
        return;
      }
      await proceed(client, read);
    });
  }, [proceed, step, stop]);

  return {
    phase,
    mapping,
    /** Reads newly picked files. */
    pick: (files: File[], chosen?: CoordinateSystem) => readFiles(files, chosen),
    /** Answers the coordinate question: `system` undefined accepts what was detected. */
    answer(system: CoordinateSystem | undefined) {
      const client = clientRef.current;
      if (phase.name !== 'question') return;
      if (system || !phase.read || !client) {
        readFiles(filesRef.current, system);
        return;
      }
      const read = phase.read;
      void step(client, () => proceed(client, read));
    },
    /** A new mapping (or layer): the preview is stale until checked again. */
    changeMapping(next: FieldMapping) {
      setMapping(next);
      if (phase.name === 'review') setPhase({ ...phase, stale: true });
    },
    changeKind(next: ImportableKind) {
      if (phase.name !== 'review') return;
      setMapping(mergeRemembered(next, phase.read.fields, rememberedMapping(next)));
      setPhase({ ...phase, stale: true });
    },
    /** Checks again with the current mapping; `splitBowTies` applies the offered bow-tie split. */
    recheck(splitBowTies?: boolean) {
      const client = clientRef.current;
      if (phase.name !== 'review' || !client) return;
      const { read } = phase;
      const split = splitBowTies ?? phase.splitBowTies;
      void step(client, () => check(client, read, mapping, split));
    },
    confirm() {
      const client = clientRef.current;
      if (phase.name !== 'review' || phase.stale || !client) return;
      const checked = phase.checked;
      setPhase({ name: 'working', progress: { stage: 'transfer', done: 0, total: checked.accepted }, cancellable: true });
      const confirmedKind = kindRef.current;
      const confirmedMapping = mapping;
      void step(client, async () => {
        // The records move once the map shows the preview (a big one is still being tiled for a few seconds).
        setPhase({ name: 'working', progress: { stage: 'preview', done: 0, total: 1 }, cancellable: true });
        await previewShown.current;
        await importPreviewStore.settled(PREVIEW_WAIT_LIMIT_MS);
        if (client.cancelled) return;
        // Once the store has the records, the map draws them: the preview (100,000 markers drawn
        // in every frame meanwhile) goes.
        const report = await storeCheckedImport(service, client, checked, progressOf(client), () => importPreviewStore.set(null));
        if (report.errors.length === 0) rememberMapping(confirmedKind, confirmedMapping);
        stop();
        setPhase({ name: 'stored', report });
      });
    },
    cancel() {
      if (phase.name === 'working' && !phase.cancellable) return;
      stop();
      setPhase({ name: 'idle', message: '已取消导入，未写入任何数据。' });
    },
    stop,
  };
}
