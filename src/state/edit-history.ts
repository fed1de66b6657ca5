/**
 * Undo/redo history of record edits, as pure data and pure functions.
 *
 * Each entry holds the touched records before and after the edit (Placemark's put/delete diffs):
 * a record in `after` but not in `before` was created, one in `before` but not in `after` was
 * deleted. Undoing puts `before` back and deletes what the edit created; redoing puts `after` and
 * deletes what it deleted — each direction is one `saveRecords` call, so one IndexedDB transaction.
 * An entry touches one record kind.
 */
import type { ModelledKind } from '../domain/records';

export interface IdentifiedRecord {
  id: string;
}

export interface RecordEdit<R extends IdentifiedRecord = IdentifiedRecord> {
  kind: ModelledKind;
  /** What the edit did, in the planners' words (e.g. 新建区块), shown on the undo/redo buttons. */
  label: string;
  /** The touched records as they were; ids missing here did not exist. */
  before: readonly R[];
  /** The touched records as the edit left them; ids missing here were deleted. */
  after: readonly R[];
}

/** One direction of an edit as a storage change: records to put and ids to delete. */
export interface RecordChange<R extends IdentifiedRecord = IdentifiedRecord> {
  kind: ModelledKind;
  put: R[];
  deleted: string[];
}

export interface EditHistory {
  /** Edits that can be undone, oldest first. */
  readonly done: readonly RecordEdit[];
  /** Undone edits that can be redone, the next one to redo last. */
  readonly undone: readonly RecordEdit[];
}

/** Entries kept; older ones are forgotten. */
export const DEFAULT_HISTORY_LIMIT = 100;

export function createEditHistory(): EditHistory {
  return { done: [], undone: [] };
}

/** The history after a new edit: appended (the oldest dropped beyond `limit`), redo cleared. */
export function recordEdit(history: EditHistory, edit: RecordEdit, limit = DEFAULT_HISTORY_LIMIT): EditHistory {
  return { done: [...history.done, edit].slice(-limit), undone: [] };
}

function idsOf(records: readonly IdentifiedRecord[]): Set<string> {
  return new Set(records.map((record) => record.id));
}

/** The change that applies `edit` (redo direction). */
export function forwardChange<R extends IdentifiedRecord>(edit: RecordEdit<R>): RecordChange<R> {
  const kept = idsOf(edit.after);
  return { kind: edit.kind, put: [...edit.after], deleted: edit.before.filter((record) => !kept.has(record.id)).map((record) => record.id) };
}

/** The change that reverts `edit` (undo direction). */
export function backwardChange<R extends IdentifiedRecord>(edit: RecordEdit<R>): RecordChange<R> {
  const restored = idsOf(edit.before);
  return { kind: edit.kind, put: [...edit.before], deleted: edit.after.filter((record) => !restored.has(record.id)).map((record) => record.id) };
}

export interface HistoryStep {
  history: EditHistory;
  edit: RecordEdit;
  change: RecordChange;
}

/** Takes the latest edit to undo, or null when there is none. */
export function undoStep(history: EditHistory): HistoryStep | null {
  const edit = history.done[history.done.length - 1];
  if (!edit) return null;
  return { history: { done: history.done.slice(0, -1), undone: [...history.undone, edit] }, edit, change: backwardChange(edit) };
}

/** Takes the latest undone edit to redo, or null when there is none. */
export function redoStep(history: EditHistory): HistoryStep | null {
  const edit = history.undone[history.undone.length - 1];
  if (!edit) return null;
  return { history: { done: [...history.done, edit], undone: history.undone.slice(0, -1) }, edit, change: forwardChange(edit) };
}

function sameRecord(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Whether the current records are what `expected` says (the state an undo or redo starts from):
 * each record of `expected` is present and equal, and the ids in `absent` are missing. False means
 * the records were changed elsewhere (another tab, an import) and the step would overwrite that.
 */
export function recordsMatch<R extends IdentifiedRecord>(
  current: readonly R[],
  expected: readonly R[],
  absent: readonly string[],
): boolean {
  const byId = new Map(current.map((record) => [record.id, record]));
  return expected.every((record) => sameRecord(byId.get(record.id), record)) && absent.every((id) => !byId.has(id));
}
