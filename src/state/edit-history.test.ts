import { describe, expect, it } from 'vitest';
import {
  backwardChange,
  createEditHistory,
  forwardChange,
  recordEdit,
  recordsMatch,
  redoStep,
  undoStep,
  type RecordEdit,
} from './edit-history';

interface Item {
  id: string;
  value: number;
}

function createEdit(label: string, before: Item[], after: Item[]): RecordEdit<Item> {
  return { kind: 'zones', label, before, after };
}

describe('edit history', () => {
  it('a create is undone by a delete and redone by a put', () => {
    const edit = createEdit('create', [], [{ id: 'a', value: 1 }]);
    expect(forwardChange(edit)).toEqual({ kind: 'zones', put: [{ id: 'a', value: 1 }], deleted: [] });
    expect(backwardChange(edit)).toEqual({ kind: 'zones', put: [], deleted: ['a'] });
  });

  it('a split puts the original back and deletes the new parts when undone', () => {
    const edit = createEdit('split', [{ id: 'a', value: 3 }], [{ id: 'a', value: 2 }, { id: 'b', value: 1 }]);
    expect(backwardChange(edit)).toEqual({ kind: 'zones', put: [{ id: 'a', value: 3 }], deleted: ['b'] });
    expect(forwardChange(edit)).toEqual({ kind: 'zones', put: [{ id: 'a', value: 2 }, { id: 'b', value: 1 }], deleted: [] });
  });

  it('a merge deletes the absorbed zone and restores it when undone', () => {
    const edit = createEdit('merge', [{ id: 'a', value: 1 }, { id: 'b', value: 1 }], [{ id: 'a', value: 2 }]);
    expect(forwardChange(edit)).toEqual({ kind: 'zones', put: [{ id: 'a', value: 2 }], deleted: ['b'] });
    expect(backwardChange(edit).put).toHaveLength(2);
  });

  it('undo and redo move entries between the stacks; a new edit clears redo', () => {
    let history = createEditHistory();
    history = recordEdit(history, createEdit('one', [], [{ id: 'a', value: 1 }]));
    history = recordEdit(history, createEdit('two', [{ id: 'a', value: 1 }], [{ id: 'a', value: 2 }]));
    const undone = undoStep(history);
    expect(undone?.edit.label).toBe('two');
    expect(undone?.change.put).toEqual([{ id: 'a', value: 1 }]);
    history = undone!.history;
    expect(history.done.map((edit) => edit.label)).toEqual(['one']);
    const redone = redoStep(history);
    expect(redone?.edit.label).toBe('two');
    history = undoStep(redone!.history)!.history;
    history = recordEdit(history, createEdit('three', [], [{ id: 'b', value: 1 }]));
    expect(history.undone).toEqual([]);
    expect(redoStep(history)).toBeNull();
    expect(undoStep(createEditHistory())).toBeNull();
  });

  it('keeps at most the limit of entries, dropping the oldest', () => {
    let history = createEditHistory();
    for (let index = 0; index < 5; index++) history = recordEdit(history, createEdit(`edit ${index}`, [], []), 3);
    expect(history.done.map((edit) => edit.label)).toEqual(['edit 2', 'edit 3', 'edit 4']);
  });

  it('recordsMatch compares by value and checks absent ids', () => {
    const current = [{ id: 'a', value: 1 }];
    expect(recordsMatch(current, [{ id: 'a', value: 1 }], ['b'])).toBe(true);
    expect(recordsMatch(current, [{ id: 'a', value: 2 }], [])).toBe(false);
    expect(recordsMatch(current, [], ['a'])).toBe(false);
  });
});
