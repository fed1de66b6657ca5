import { afterEach, describe, expect, it } from 'vitest';
import { ANNOUNCED_IDS_LIMIT, openEditBroadcast, type EditNotice } from './edit-broadcast';

const ids = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((broadcast) => broadcast.close()));

/** Two ends of one channel; resolves with what the receiver heard once `expected` messages arrived. */
function pair(name: string, expected: number) {
  const heard: (EditNotice | 'replaced')[] = [];
  let done: () => void = () => undefined;
  const arrived = new Promise<void>((resolve) => { done = resolve; });
  const note = (message: EditNotice | 'replaced') => {
    heard.push(message);
    if (heard.length === expected) done();
  };
  const receiver = openEditBroadcast(name, (notice) => note(notice), () => note('replaced'));
  const sender = openEditBroadcast(name, () => undefined);
  opened.push(receiver, sender);
  return { sender, heard, arrived };
}

describe('edit broadcast', () => {
  it('names the records of an edit, kind by kind', async () => {
    const { sender, heard, arrived } = pair('broadcast-small', 2);
    sender.announceEdit([{ kind: 'violations', putIds: ['v-1'], deletedIds: [] }, { kind: 'zones', putIds: [], deletedIds: ['z-1'] }]);
    await arrived;
    expect(heard).toEqual([{ kind: 'violations', putIds: ['v-1'], deletedIds: [] }, { kind: 'zones', putIds: [], deletedIds: ['z-1'] }]);
  });

  it('announces an edit of more ids than the limit as a replaced project (the other tabs reload)', async () => {
    const { sender, heard, arrived } = pair('broadcast-big', 1);
    sender.announceEdit([{ kind: 'violations', putIds: ids(ANNOUNCED_IDS_LIMIT, 'v'), deletedIds: ['v-old'] }]);
    await arrived;
    expect(heard).toEqual(['replaced']);
  });
});
