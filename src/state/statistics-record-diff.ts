/**
 * What changed between two versions of a record list (the store replaces edited records by new
 * objects and keeps the others): additions, deletions and replacements by id, found by object
 * identity — for the incremental statistics after each edit.
 */

/** One record edit: `before` null for an addition, `after` null for a deletion. */
export interface RecordChange<T> {
  before: T | null;
  after: T | null;
}

/**
 * The changes from `before` to `after`: deletions first, then replacements and additions in the
 * order of `after`. Records kept as the same object are not changes. Returns null as soon as there
 * are more than `limit` changes (a reload is cheaper than many edits).
 *
 * Cost: edits in place (same ids in the same places, the store's way) are found by one pass of
 * pointer comparisons; from the first place where the ids differ (an addition or deletion), the
 * rest is matched by id.
 */
export function diffRecords<T extends { id: string }>(before: readonly T[], after: readonly T[], limit = Infinity): RecordChange<T>[] | null {
  const changes: RecordChange<T>[] = [];
  const common = Math.min(before.length, after.length);
  let index = 0;
  for (; index < common; index++) {
    const old = before[index] as T;
    const next = after[index] as T;
    if (old === next) continue;
    if (old.id !== next.id) break;
    changes.push({ before: old, after: next });
    if (changes.length > limit) return null;
  }
  if (index === before.length && index === after.length) return changes;
  const rest = new Map<string, T>();
  for (let old = index; old < before.length; old++) rest.set((before[old] as T).id, before[old] as T);
  const replacedOrAdded: RecordChange<T>[] = [];
  for (let next = index; next < after.length; next++) {
    const record = after[next] as T;
    const old = rest.get(record.id);
    if (old === undefined) replacedOrAdded.push({ before: null, after: record });
    else {
      rest.delete(record.id);
      if (old !== record) replacedOrAdded.push({ before: old, after: record });
    }
    if (changes.length + replacedOrAdded.length > limit) return null;
  }
  const deletions = Array.from(rest.values(), (record): RecordChange<T> => ({ before: record, after: null }));
  if (changes.length + replacedOrAdded.length + deletions.length > limit) return null;
  return [...deletions, ...changes, ...replacedOrAdded];
}
