import { describe, expect, it } from 'vitest';
import { diffRecords } from './statistics-record-diff';

const record = (id: string, version = 0) => ({ id, version });

describe('diffRecords', () => {
  it('finds replacements in place by identity and ignores kept objects', () => {
    const before = ['a', 'b', 'c'].map((id) => record(id));
    const changedB = record('b', 1);
    expect(diffRecords(before, [before[0]!, changedB, before[2]!])).toEqual([{ before: before[1], after: changedB }]);
    expect(diffRecords(before, [...before])).toEqual([]);
  });

  it('finds additions, deletions and replacements after a deletion, deletions first', () => {
    const before = ['a', 'b', 'c', 'd'].map((id) => record(id));
    const changedD = record('d', 1);
    const added = record('e');
    const after = [before[0]!, before[2]!, changedD, added];
    expect(diffRecords(before, after)).toEqual([
      { before: before[1], after: null },
      { before: before[3], after: changedD },
      { before: null, after: added },
    ]);
  });

  it('returns null past the limit', () => {
    const before = Array.from({ length: 10 }, (_, index) => record(String(index)));
    const after = before.map((entry) => record(entry.id, 1));
    expect(diffRecords(before, after, 5)).toBeNull();
    expect(diffRecords(before, after, 10)).toHaveLength(10);
    expect(diffRecords(before, [], 5)).toBeNull();
  });
});
