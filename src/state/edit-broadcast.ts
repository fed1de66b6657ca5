/**
 * Tells the other tabs and windows of the app (same browser, same origin) which records an edit
 * changed, so they re-read them from IndexedDB instead of keeping a stale copy — a planner's
 * screen and the wall screen on one PC stay in step, and no tab overwrites another's edit with
 * an old version of a record. Only ids cross the channel; the data comes from storage.
 */
import { isRecordKind, type RecordKind } from '../domain/record-kinds';

export interface EditNotice {
  kind: RecordKind;
  putIds: string[];
  deletedIds: string[];
}

/**
 * Edits naming more record ids than this (an import of a county) are announced as a replaced
 * project: posting and re-reading 100,000 ids one by one costs both tabs more than a reload,
 * which streams the records in chunks.
 */
export const ANNOUNCED_IDS_LIMIT = 5_000;

export interface EditBroadcast {
  /** The records one edit changed (several kinds); a very big edit is announced as {@link announceReplaced}. */
  announceEdit(notices: readonly EditNotice[]): void;
  announce(notice: EditNotice): void;
  /** The whole project was replaced (e.g. restored from a backup): other tabs reload everything. */
  announceReplaced(): void;
  close(): void;
}

const REPLACED = 'project-replaced';

function isEditNotice(value: unknown): value is EditNotice {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, putIds, deletedIds } = value as Record<string, unknown>;
  const isIdList = (list: unknown) => Array.isArray(list) && list.every((id) => typeof id === 'string');
  return typeof kind === 'string' && isRecordKind(kind) && isIdList(putIds) && isIdList(deletedIds);
}

/** Opens the channel; `onNotice` receives other tabs' notices. Without BroadcastChannel it does nothing. */
export function openEditBroadcast(channelName: string, onNotice: (notice: EditNotice) => void, onReplaced: () => void = () => undefined): EditBroadcast {
  if (typeof BroadcastChannel === 'undefined') return { announceEdit: () => undefined, announce: () => undefined, announceReplaced: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (event: MessageEvent<unknown>) => {
    if (event.data === REPLACED) onReplaced();
    else if (isEditNotice(event.data)) onNotice(event.data);
  };
  return {
    announceEdit: (notices) => {
      const ids = notices.reduce((total, notice) => total + notice.putIds.length + notice.deletedIds.length, 0);
      if (ids > ANNOUNCED_IDS_LIMIT) channel.postMessage(REPLACED);
      else for (const notice of notices) channel.postMessage(notice);
    },
    announce: (notice) => channel.postMessage(notice),
    announceReplaced: () => channel.postMessage(REPLACED),
    close: () => channel.close(),
  };
}
