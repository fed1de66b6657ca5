import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { applyCommand, createInitialState, type ProjectState } from './project-state';

const record = (id: string, note = '') => ({ id, note }) as unknown as Violation;
const ids = (state: ProjectState) => state.records.violations.map((violation) => violation.id);

function withViolations(list: Violation[]): ProjectState {
  const state = createInitialState();
  return applyCommand(state, { type: 'loaded', records: { ...state.records, violations: list }, layers: state.layers });
}

describe('recordsChanged', () => {
  it('appends new records after the kept ones, keeping the kept objects', () => {
    const kept = [record('a'), record('b')];
    const state = withViolations(kept);
    const next = applyCommand(state, { type: 'recordsChanged', kind: 'violations', put: [record('c'), record('d')], deleted: [] });
    expect(ids(next)).toEqual(['a', 'b', 'c', 'd']);
    expect(next.records.violations[0]).toBe(kept[0]);
    expect(state.records.violations).toHaveLength(2);
  });

  it('replaces updated records in their place when new ones come with them', () => {
    const state = withViolations([record('a'), record('b'), record('c')]);
    const next = applyCommand(state, { type: 'recordsChanged', kind: 'violations', put: [record('x'), record('b', 'edited')], deleted: ['a'] });
    expect([...ids(next)].sort()).toEqual(['b', 'c', 'x']);
    expect((next.records.violations.find((violation) => violation.id === 'b') as unknown as { note: string }).note).toBe('edited');
  });

  it('treats a put without deletions that updates one existing record as an update, not an addition', () => {
    const state = withViolations([record('a'), record('b')]);
    const next = applyCommand(state, { type: 'recordsChanged', kind: 'violations', put: [record('new'), record('a', 'edited')], deleted: [] });
    expect(ids(next)).toEqual(['a', 'b', 'new']);
    expect((next.records.violations[0] as unknown as { note: string }).note).toBe('edited');
  });
});
