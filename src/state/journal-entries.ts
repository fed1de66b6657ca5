/**
 * Turns one edit (puts and deletes per kind) and the records the state layer held before it into
 * the journal entries written in the edit's transaction: one entry per changed record, or summary
 * entries (parts of at most JOURNAL_PART_IDS ids) per kind when the edit changes more than
 * JOURNAL_DETAIL_LIMIT records of it (see storage/journal.ts). Pure; the before-states come from
 * memory, never from an extra read.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { StoredRecord } from '../storage/repository';
import { JOURNAL_BEFORE_WEIGHT, JOURNAL_DETAIL_LIMIT, JOURNAL_PART_IDS, SUMMARY_BEFORE_LIMIT, type JournalEntryInput, type JournalSummary } from '../storage/journal';

/** Action labels the journal uses itself. */
export const JOURNAL_ACTIONS = {
  create: '新建',
  update: '修改',
  delete: '删除',
  status: '修改状态',
  import: '导入',
  restore: '恢复备份',
  rollback: '回滚',
} as const;

export interface JournalChange {
  kind: RecordKind;
  put: readonly StoredRecord[];
  delete?: readonly string[];
}

export interface JournalContext {
  at: string;
  author: string;
  /** The command's label; derived from the changes when missing. */
  action?: string | undefined;
  editId: string;
  /** The record of `kind` with `id` as the state layer holds it before the edit, or null. */
  beforeOf(kind: RecordKind, id: string): StoredRecord | null;
}

const sameRecord = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

function statusOf(record: StoredRecord | null): unknown {
  return (record as { properties?: { status?: unknown } } | null)?.properties?.status;
}

/** The label of an edit that came without one: 新建 / 删除 / 修改状态 / 修改. */
export function deriveAction(entries: readonly Pick<JournalEntryInput, 'before' | 'after' | 'summary'>[]): string {
  if (entries.length === 0) return JOURNAL_ACTIONS.update;
  if (entries.every((entry) => entry.summary ? entry.summary.updatedIds.length + entry.summary.deletedIds.length === 0 : entry.before === null)) return JOURNAL_ACTIONS.create;
  if (entries.every((entry) => entry.summary ? entry.summary.createdIds.length + entry.summary.updatedIds.length === 0 : entry.after === null)) return JOURNAL_ACTIONS.delete;
  if (entries.every((entry) => !entry.summary && entry.before && entry.after && statusOf(entry.before) !== statusOf(entry.after))) return JOURNAL_ACTIONS.status;
  return JOURNAL_ACTIONS.update;
}

/**
 * A kind's summary split into parts of at most `partIds` ids (an id with a before-state counting
 * `beforeWeight`), in order — created, updated, deleted ids — each before-state in the part of its
 * id; every part keeps `before: null` when the summary does. Always at least one part.
 */
export function splitSummary(summary: JournalSummary, partIds = JOURNAL_PART_IDS, beforeWeight = JOURNAL_BEFORE_WEIGHT): JournalSummary[] {
  const { createdIds, updatedIds, deletedIds, before } = summary;
  const total = createdIds.length + updatedIds.length + deletedIds.length;
  if (total === 0) return [summary];
  const parts: JournalSummary[] = [];
  // Position in the ids as one sequence (created, updated, deleted); before[i] is the state of the (i + created)th id.
  let start = 0;
  while (start < total) {
    let end = start;
    let weight = 0;
    // Created ids weigh 1 each: take as many as fit at once.
    if (end < createdIds.length) {
      end = Math.min(createdIds.length, start + partIds);
      weight = end - start;
    }
    const idWeight = before === null ? 1 : beforeWeight;
    while (end < total && (weight === 0 || weight + idWeight <= partIds)) {
      end += 1;
      weight += idWeight;
    }
    const sliceOf = (ids: readonly string[], offset: number) => ids.slice(Math.max(0, start - offset), Math.max(0, end - offset));
    const changedStart = Math.max(0, start - createdIds.length);
    const changedEnd = Math.max(0, end - createdIds.length);
    parts.push({
      createdIds: sliceOf(createdIds, 0),
      updatedIds: sliceOf(updatedIds, createdIds.length),
      deletedIds: sliceOf(deletedIds, createdIds.length + updatedIds.length),
      before: before === null ? null : before.slice(changedStart, changedEnd),
    });
    start = end;
  }
  return parts;
}

/**
 * The entries of ids of a big edit, built in steps (so it can be built across tasks). Cheap for
 * an import of 100,000 new records: one lookup per id, and no set of the put ids unless the edit
 * also deletes; while no put record existed before, the created ids are the put ids as they are.
 */
class SummaryBuilder {
  readonly #change: JournalChange;
  readonly #context: JournalContext;
  /** The put ids looked up so far (collected as they are looked up: mapping 100,000 records at once takes tens of ms). */
  readonly #ids: string[] = [];
  readonly #deletes: readonly string[];
  /** The put ids, for skipping deletes of put records; built as the puts are looked up, only when there are deletes. */
  readonly #putIds: Set<string> | null;
  /** Null while every put id so far was new. */
  #createdIds: string[] | null = null;
  readonly #updatedIds: string[] = [];
  readonly #deletedIds: string[] = [];
  readonly #before: StoredRecord[] = [];
  /** Puts, then deletes, looked up so far. */
  #next = 0;

  constructor(change: JournalChange, context: JournalContext) {
    this.#change = change;
    this.#context = context;
    this.#deletes = change.delete ?? [];
    this.#putIds = this.#deletes.length > 0 ? new Set() : null;
  }

  /** Looks up at most `count` more ids; true when every id is looked up. */
  step(count: number): boolean {
    const { kind } = this.#change;
    const { put } = this.#change;
    const ids = this.#ids;
    const total = put.length + this.#deletes.length;
    const end = Math.min(total, this.#next + count);
    for (; this.#next < end; this.#next++) {
      const index = this.#next;
      if (index < put.length) {
        const id = (put[index] as StoredRecord).id;
        ids.push(id);
        this.#putIds?.add(id);
        const previous = this.#context.beforeOf(kind, id);
        if (previous) {
          this.#createdIds ??= ids.slice(0, index);
          this.#updatedIds.push(id);
          this.#before.push(previous);
        } else this.#createdIds?.push(id);
        continue;
      }
      const id = this.#deletes[index - put.length] as string;
      if (this.#putIds?.has(id)) continue;
      const previous = this.#context.beforeOf(kind, id);
      if (!previous) continue;
      this.#deletedIds.push(id);
      this.#before.push(previous);
    }
    return this.#next >= total;
  }

  /** The entries, one per part (after the last step). */
  entries(): Omit<JournalEntryInput, 'action'>[] {
    const { at, author, editId } = this.#context;
    const before = this.#before;
    const summary = { createdIds: this.#createdIds ?? this.#ids, updatedIds: this.#updatedIds, deletedIds: this.#deletedIds, before: before.length <= SUMMARY_BEFORE_LIMIT ? before : null };
    return splitSummary(summary).map((part) => ({ at, author, editId, kind: this.#change.kind, recordId: null, before: null, after: null, summary: part }));
  }
}

function detailEntries(change: JournalChange, context: JournalContext): Omit<JournalEntryInput, 'action'>[] {
  const entries: Omit<JournalEntryInput, 'action'>[] = [];
  const base = { at: context.at, author: context.author, editId: context.editId, kind: change.kind };
  const putIds = new Set(change.put.map((record) => record.id));
  for (const id of change.delete ?? []) {
    const before = putIds.has(id) ? null : context.beforeOf(change.kind, id);
    if (before) entries.push({ ...base, recordId: id, before, after: null });
  }
  for (const record of change.put) {
    const before = context.beforeOf(change.kind, record.id);
    if (!sameRecord(before, record)) entries.push({ ...base, recordId: record.id, before, after: record });
  }
  return entries;
}

const isBig = (change: JournalChange) => change.put.length + (change.delete?.length ?? 0) > JOURNAL_DETAIL_LIMIT;

function labelled(entries: readonly Omit<JournalEntryInput, 'action'>[], given: string | undefined): JournalEntryInput[] {
  const action = given ?? deriveAction(entries);
  return entries.map((entry) => ({ ...entry, action }));
}

/** The journal entries of one edit (empty when it changes nothing). */
export function buildJournalEntries(changes: readonly JournalChange[], context: JournalContext): JournalEntryInput[] {
  return labelled(changes.flatMap((change) => {
    if (!isBig(change)) return detailEntries(change, context);
    const builder = new SummaryBuilder(change, context);
    builder.step(Number.POSITIVE_INFINITY);
    return builder.entries();
  }), context.action);
}

/** Lookups between two looks at the clock when the journal is built in slices. */
export const JOURNAL_SLICE_LOOKUPS = 2048;
/** Main-thread time one slice of the journal build may take before the rest waits for a later task. */
export const JOURNAL_SLICE_BUDGET_MS = 12;

/** Resolves in a task of its own. */
export const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs stepped work in slices of about JOURNAL_SLICE_BUDGET_MS, each in a task of its own, one clock for all of it. */
export function createSliceClock(yieldTask: () => Promise<void> = nextTask): { untilDone(step: () => boolean): Promise<void> } {
  let sliceStarted = performance.now();
  return {
    /** Calls `step` until it returns true, yielding a task whenever the slice has run its budget. */
    async untilDone(step) {
      while (!step()) {
        if (performance.now() - sliceStarted <= JOURNAL_SLICE_BUDGET_MS) continue;
        await yieldTask();
        sliceStarted = performance.now();
      }
    },
  };
}

/**
 * {@link buildJournalEntries} across tasks: the summary of a big edit (an import of 100,000
 * records: a lookup of each id) is built in slices of about JOURNAL_SLICE_BUDGET_MS, each in a task
 * of its own. `context.beforeOf` must answer from the records as they were when the edit was made
 * (e.g. a snapshot of the store taken then), whatever happens between the slices.
 */
export async function buildJournalEntriesInSlices(changes: readonly JournalChange[], context: JournalContext, yieldTask: () => Promise<void> = nextTask): Promise<JournalEntryInput[]> {
  const entries: Omit<JournalEntryInput, 'action'>[] = [];
  const clock = createSliceClock(yieldTask);
  for (const change of changes) {
    if (!isBig(change)) {
      entries.push(...detailEntries(change, context));
      continue;
    }
    const builder = new SummaryBuilder(change, context);
    await clock.untilDone(() => builder.step(JOURNAL_SLICE_LOOKUPS));
    entries.push(...builder.entries());
  }
  return labelled(entries, context.action);
}

/** Whether an edit is journaled as summaries (a big edit: it gets an automatic checkpoint first). */
export function isSummarised(entries: readonly JournalEntryInput[]): boolean {
  return entries.some((entry) => entry.summary !== undefined);
}

/** A fresh id shared by the entries of one edit. */
export function createEditId(now: number, random = Math.random()): string {
  return `edit-${now.toString(36)}-${Math.floor(random * 36 ** 6).toString(36)}`;
}
