/**
 * Turns IndexedDB failures into messages a user can act on. Nothing here swallows an error: the
 * caller shows the message and keeps the data in memory.
 */
export type StorageFailureKind = 'quota' | 'blocked' | 'version' | 'unavailable' | 'aborted' | 'unknown';

export interface StorageFailure {
  kind: StorageFailureKind;
  /** Chinese message for the save status and dialogs. */
  message: string;
  /** The underlying error name and message, for the report. */
  detail: string;
}

const MESSAGES: Record<StorageFailureKind, string> = {
  quota: '浏览器存储空间已满，本次修改未能保存。请导出数据备份后清理存储空间。',
  blocked: '数据库升级被另一个打开的页面阻止。请关闭本系统的其他标签页后刷新。',
  version: '另一个页面使用了更新版本的数据库。请刷新本页面以加载新版本。',
  unavailable: '浏览器不允许使用本地数据库（可能处于隐私/无痕模式）。数据只保存在内存中，请及时导出。',
  aborted: '保存事务被中止，本次修改未写入。',
  unknown: '本地数据库出错。',
};

export function storageFailure(kind: StorageFailureKind, error?: unknown): StorageFailure {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : error === undefined ? '' : String(error);
  return { kind, message: MESSAGES[kind], detail };
}

/** Classifies a DOMException (or anything thrown) from an IndexedDB call. */
export function classifyStorageError(error: unknown): StorageFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  switch (name) {
    case 'QuotaExceededError':
      return storageFailure('quota', error);
    case 'VersionError':
      return storageFailure('version', error);
    case 'InvalidStateError':
    case 'SecurityError':
      return storageFailure('unavailable', error);
    case 'AbortError':
      return storageFailure('aborted', error);
    default:
      return storageFailure('unknown', error);
  }
}

/** Thrown by storage functions; carries the classified failure. */
export class StorageFailureError extends Error {
  readonly failure: StorageFailure;
  constructor(failure: StorageFailure) {
    super(`${failure.message}${failure.detail ? ` (${failure.detail})` : ''}`);
    this.name = 'StorageFailureError';
    this.failure = failure;
  }
}
