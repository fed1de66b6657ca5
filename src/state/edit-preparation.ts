/**
 * What an edit needs from the records the store holds when it is made, before it is applied: its
 * journal context (the before-states), and — for a big edit prepared across tasks — its journal
 * entries and which of its puts only append to their kind's records.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { JournalEntryInput } from '../storage/journal';
import type { StoredRecord } from '../storage/repository';
import { buildJournalEntriesInSlices, createEditId, createSliceClock, nextTask, type JournalChange, type JournalContext } from './journal-entries';
import { AppendCheck } from './project-state';

type RecordsByKindName = Readonly<Record<string, readonly StoredRecord[]>>;

/** The journal context of an edit: before-states from `records` (the store's, before the edit is applied). */
export function journalContextOf(records: RecordsByKindName, changes: readonly JournalChange[], at: string, author: string, action: string | undefined): JournalContext {
  const indexes = new Map<string, Map<string, StoredRecord>>();
  const touched = changes.reduce((total, change) => total + change.put.length + (change.delete?.length ?? 0), 0);
  const beforeOf = (kind: RecordKind, id: string) => {
    // A few records: scanning is cheaper than indexing 100,000 of them.
    if (touched <= 8) return (records[kind] ?? []).find((record) => record.id === id) ?? null;
    let index = indexes.get(kind);
    if (!index) indexes.set(kind, (index = new Map((records[kind] ?? []).map((record) => [record.id, record]))));
    return index.get(id) ?? null;
  };
  return { at, author, action, editId: createEditId(Date.now()), beforeOf };
}

/** Ids an append check looks at between two looks at the clock. */
export const APPEND_CHECK_SLICE_IDS = 4096;

export interface PreparedEdit {
  journal: JournalEntryInput[];
  /** Per change (same index): the records array its put only appends to (see AppendCheck), or null. */
  appendsTo: (readonly { id: string }[] | null)[];
}

/**
 * The journal of an edit and its append checks against `records` (the store's when the edit was
 * made), computed in slices of about JOURNAL_SLICE_BUDGET_MS (createSliceClock), each in a task of its own, so that
 * the task that then applies the edit to the store has neither to do.
 */
export async function prepareEditInSlices(changes: readonly JournalChange[], context: JournalContext, records: RecordsByKindName, yieldTask: () => Promise<void> = nextTask): Promise<PreparedEdit> {
  const journal = await buildJournalEntriesInSlices(changes, context, yieldTask);
  await yieldTask();
  const appendsTo: (readonly { id: string }[] | null)[] = [];
  const clock = createSliceClock(yieldTask);
  for (const change of changes) {
    const check = new AppendCheck(records[change.kind] ?? [], change.put, change.delete ?? []);
    await clock.untilDone(() => check.step(APPEND_CHECK_SLICE_IDS));
    appendsTo.push(check.appendsTo());
  }
  return { journal, appendsTo };
}
