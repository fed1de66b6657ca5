/**
 * Undo/redo history of record edits, as pure data and pure functions.
 *
 * Each entry holds the touched records before and after the edit (Placemark's put/delete diffs):
 * a record in `after` but not in `before` was created, one in `before` but not in `after` was
 * deleted. Undoing puts `before` back and deletes what the edit created; redoing puts `after` and
 * deletes what it deleted — each direction is one save, so one IndexedDB transaction. An entry
 * touches one main kind and, when the edit cascades (a zone deleted with its land-use parcels, an
 * enterprise allocated together with its park site), the records of other kinds in `related`.
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
  /** Records of other kinds the same edit touched (saved in the same transaction). */
  related?: readonly KindEdit[];
}

/** The before/after records of one kind within an edit. */
export interface KindEdit<R extends IdentifiedRecord = IdentifiedRecord> {
  kind: ModelledKind;
  before: readonly R[];
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

/** The change that applies `edit` (redo direction), of its main kind. */
export function forwardChange<R extends IdentifiedRecord>(edit: KindEdit<R>): RecordChange<R> {
  const kept = idsOf(edit.after);
  return { kind: edit.kind, put: [...edit.after], deleted: edit.before.filter((record) => !kept.has(record.id)).map((record) => record.id) };
}

/** The change that reverts `edit` (undo direction), of its main kind. */
export function backwardChange<R extends IdentifiedRecord>(edit: KindEdit<R>): RecordChange<R> {
  const restored = idsOf(edit.before);
  return { kind: edit.kind, put: [...edit.before], deleted: edit.after.filter((record) => !restored.has(record.id)).map((record) => record.id) };
}

/** Every kind an edit touched: the main kind first, then the related ones. */
export function kindEditsOf(edit: RecordEdit): KindEdit[] {
  return [{ kind: edit.kind, before: edit.before, after: edit.after }, ...(edit.related ?? [])];
}

/** The changes of every kind that apply (`forward`) or revert an edit, main kind first. */
export function changesOf(edit: RecordEdit, direction: 'forward' | 'backward'): RecordChange[] {
  return kindEditsOf(edit).map((part) => (direction === 'forward' ? forwardChange(part) : backwardChange(part)));
}

export interface HistoryStep {
  history: EditHistory;
  edit: RecordEdit;
  /** The change of the edit's main kind. */
  change: RecordChange;
  /** The changes of every kind (main kind first), saved together as one transaction. */
  changes: RecordChange[];
}

/** Takes the latest edit to undo, or null when there is none. */
export function undoStep(history: EditHistory): HistoryStep | null {
  const edit = history.done[history.done.length - 1];
  if (!edit) return null;
  const changes = changesOf(edit, 'backward');
  return { history: { done: history.done.slice(0, -1), undone: [...history.undone, edit] }, edit, change: changes[0] as RecordChange, changes };
}

/** Takes the latest undone edit to redo, or null when there is none. */
export function redoStep(history: EditHistory): HistoryStep | null {
  const edit = history.undone[history.undone.length - 1];
  if (!edit) return null;
  const changes = changesOf(edit, 'forward');
  return { history: { done: [...history.done, edit], undone: history.undone.slice(0, -1) }, edit, change: changes[0] as RecordChange, changes };
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
