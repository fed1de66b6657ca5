import { describe, expect, it } from 'vitest';
import type { Violation } from '../domain/records';
import { AppendCheck, applyCommand, createInitialState, hasDrawableRecords, type ProjectState } from './project-state';

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

/** The check run to its end in steps of `count`; the number of steps it took. */
function decide(check: AppendCheck, count: number): number {
  let steps = 1;
  while (!check.step(count)) steps += 1;
  return steps;
}

describe('AppendCheck', () => {
  const current = [record('a'), record('b'), record('c')];
  const fresh = Array.from({ length: 10 }, (_, index) => record(`n-${index}`));

  it('finds that a put of new, distinct ids only appends, in steps of at most `count` ids', () => {
    const check = new AppendCheck(current, fresh, []);
    expect(decide(check, 4)).toBe(Math.ceil((current.length + fresh.length) / 4));
    expect(check.appendsTo()).toBe(current);
  });

  it('refuses a put of an existing id, an id twice in the put, and any delete', () => {
    const existing = new AppendCheck(current, [...fresh, record('b', 'edited')], []);
    decide(existing, 4);
    expect(existing.appendsTo()).toBeNull();
    const twice = new AppendCheck(current, [...fresh.slice(0, 5), record('n-2'), ...fresh.slice(5)], []);
    decide(twice, 4);
    expect(twice.appendsTo()).toBeNull();
    const withDelete = new AppendCheck(current, fresh, ['a']);
    expect(withDelete.step(4)).toBe(true);
    expect(withDelete.appendsTo()).toBeNull();
  });

  it('decides nothing before its last step', () => {
    const check = new AppendCheck(current, fresh, []);
    expect(check.step(5)).toBe(false);
    expect(check.appendsTo()).toBeNull();
  });
});

describe('recordsChanged checked to append', () => {
  it('appends to the very array it was checked against, keeping every object', () => {
    const state = withViolations([record('a'), record('b')]);
    const put = [record('c'), record('d')];
    const check = new AppendCheck(state.records.violations, put, []);
    decide(check, 100);
    const next = applyCommand(state, { type: 'recordsChanged', kind: 'violations', put, deleted: [], appendsTo: check.appendsTo()! });
    expect(ids(next)).toEqual(['a', 'b', 'c', 'd']);
    expect(next.records.violations[0]).toBe(state.records.violations[0]);
    expect(next.records.violations[2]).toBe(put[0]);
    expect(state.records.violations).toHaveLength(2);
  });

  it('falls back to a full replacement when the records changed after the check', () => {
    const state = withViolations([record('a'), record('b')]);
    const put = [record('c'), record('d')];
    const check = new AppendCheck(state.records.violations, put, []);
    decide(check, 100);
    // An edit lands meanwhile: it creates `c` too and deletes `a`.
    const meanwhile = applyCommand(state, { type: 'recordsChanged', kind: 'violations', put: [record('c', 'meanwhile')], deleted: ['a'] });
    const next = applyCommand(meanwhile, { type: 'recordsChanged', kind: 'violations', put, deleted: [], appendsTo: check.appendsTo()! });
    expect(ids(next)).toEqual(['b', 'c', 'd']);
    expect(next.records.violations[1]).toBe(put[0]);
  });
});

describe('two-part loading', () => {
  const zone = { id: 'z1' } as never;

  it('shows the small kinds while the dense ones stream in, then becomes ready', () => {
    const initial = createInitialState();
    expect(hasDrawableRecords(initial)).toBe(false);
    const partial = applyCommand(initial, {
      type: 'partlyLoaded', records: { ...initial.records, zones: [zone] }, layers: initial.layers, pendingKinds: ['violations'],
    });
    expect(partial.phase).toBe('loading');
    expect(hasDrawableRecords(partial)).toBe(true);
    expect(partial.loading).toEqual({ pendingKinds: ['violations'], recordsRead: 0 });
    const progressed = applyCommand(partial, { type: 'loadProgressed', recordsRead: 5000 });
    expect(progressed.loading?.recordsRead).toBe(5000);
    const ready = applyCommand(progressed, { type: 'restLoaded', records: { violations: [record('a'), record('b')] } });
    expect(ready.phase).toBe('ready');
    expect(ready.loading).toBeNull();
    expect(ids(ready)).toEqual(['a', 'b']);
    expect(ready.records.zones[0]).toBe(zone);
  });

  it('keeps layer settings and records of a pending kind saved while it was being read', () => {
    const initial = createInitialState();
    let state = applyCommand(initial, { type: 'partlyLoaded', records: initial.records, layers: initial.layers, pendingKinds: ['violations'] });
    state = applyCommand(state, { type: 'layerVisibilitySet', layerId: 'violations', visible: false });
    state = applyCommand(state, { type: 'recordsChanged', kind: 'violations', put: [record('imported'), record('b', 'edited')], deleted: [] });
    state = applyCommand(state, { type: 'restLoaded', records: { violations: [record('a'), record('b')] } });
    expect([...ids(state)].sort()).toEqual(['a', 'b', 'imported']);
    expect((state.records.violations.find((violation) => violation.id === 'b') as unknown as { note: string }).note).toBe('edited');
    expect(state.layers.find((layer) => layer.id === 'violations')?.visible).toBe(false);
  });

  it('ignores a late part once the project failed or was loaded whole', () => {
    const initial = createInitialState();
    const failed = applyCommand(initial, { type: 'loadFailed', failure: { kind: 'unavailable', message: 'x' } as never });
    expect(applyCommand(failed, { type: 'restLoaded', records: { violations: [record('a')] } })).toBe(failed);
    expect(hasDrawableRecords(failed)).toBe(false);
  });
});
