/**
 * The one-file project backup: every record of every kind and the project settings, as gzipped
 * JSON, and its restore into this browser (replacing the project in one transaction). A backup is
 * checked before anything is replaced: format, schema version, kinds, ids, size.
 */
import { gunzipSync, gzipSync } from 'fflate';
import { RECORD_KINDS, isRecordKind } from '../domain/record-kinds';
import { stripUnsafeKeys } from '../io/geojson-reader';
import type { StoredRecord } from '../storage/repository';
import { SCHEMA_VERSION } from '../storage/schema';
import { SEEDED_META_KEY } from '../storage/seed';
import { JOURNAL_ACTIONS } from './journal-entries';
import { JOURNAL_AUTHOR_META_KEY, LAST_BACKUP_META_KEY, type ProjectService } from './project-service';

export const BACKUP_FORMAT = 'chaizheng-onemap-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MAX_BACKUP_BYTES = 1024 * 1024 * 1024;

export interface ProjectBackup {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  counts: Record<string, number>;
  records: Record<string, StoredRecord[]>;
  meta: Record<string, unknown>;
}

export type BackupCheck = { ok: true; value: ProjectBackup } | { ok: false; error: string };

/** The whole stored project as a gzipped backup file's bytes. */
export async function createBackup(service: ProjectService): Promise<{ bytes: Uint8Array; counts: Record<string, number> }> {
  const { records, meta } = await service.readEverything();
  return packBackup(records, meta, service.now());
}

/**
 * A backup of what this tab holds in memory — for when saving fails (quota, storage gone): the
 * records shown on screen, including edits that could not be stored, plus the layer settings.
 */
export function createBackupFromMemory(service: ProjectService): { bytes: Uint8Array; counts: Record<string, number> } {
  const state = service.store.getState();
  const records = Object.fromEntries(Object.entries(state.records)) as Record<string, StoredRecord[]>;
  // Marked as seeded so that opening a project restored from it never loads the sample on top.
  return packBackup(records, { layerSettings: state.layers, [SEEDED_META_KEY]: 'memory-backup' }, service.now());
}

function packBackup(records: Record<string, StoredRecord[]>, meta: Record<string, unknown>, now: Date): { bytes: Uint8Array; counts: Record<string, number> } {
  const counts = Object.fromEntries(Object.entries(records).map(([kind, list]) => [kind, list.length]));
  const backup: ProjectBackup = {
    format: BACKUP_FORMAT, formatVersion: BACKUP_FORMAT_VERSION, schemaVersion: SCHEMA_VERSION,
    createdAt: now.toISOString(), counts, records, meta,
  };
  return { bytes: gzipSync(new TextEncoder().encode(JSON.stringify(backup)), { level: 6 }), counts };
}

function inflate(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: string } {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return { ok: false, error: '不是本系统的备份文件（不是 gzip 格式）' };
  // The gzip trailer holds the inflated size (mod 2³²): refuse bombs before inflating.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const declared = bytes.length >= 4 ? view.getUint32(bytes.length - 4, true) : 0;
  if (declared > MAX_BACKUP_BYTES) return { ok: false, error: '备份文件解压后过大，已拒绝' };
  try {
    const inflated = gunzipSync(bytes);
    if (inflated.length > MAX_BACKUP_BYTES) return { ok: false, error: '备份文件解压后过大，已拒绝' };
    return { ok: true, text: new TextDecoder().decode(inflated) };
  } catch (error) {
    return { ok: false, error: `备份文件已损坏：${(error as Error).message}` };
  }
}

function checkRecords(records: unknown): string | null {
  if (typeof records !== 'object' || records === null) return '备份缺少记录';
  for (const [kind, list] of Object.entries(records)) {
    if (!isRecordKind(kind)) return `备份含有未知的数据类型「${kind}」`;
    if (!Array.isArray(list)) return `备份中「${kind}」不是列表`;
    const ids = new Set<string>();
    for (const [index, record] of list.entries()) {
      const id = (record as { id?: unknown } | null)?.id;
      if (typeof id !== 'string' || id === '') return `备份中「${kind}」第 ${index + 1} 条记录缺少编号`;
      if (ids.has(id)) return `备份中「${kind}」的编号 ${id} 重复`;
      ids.add(id);
    }
  }
  return null;
}

/** Reads and checks a backup file; nothing is changed. */
export function readBackup(bytes: Uint8Array): BackupCheck {
  const inflated = inflate(bytes);
  if (!inflated.ok) return inflated;
  let parsed: unknown;
  try {
    parsed = JSON.parse(inflated.text);
  } catch (error) {
    return { ok: false, error: `备份文件不是有效的 JSON：${(error as Error).message}` };
  }
  stripUnsafeKeys(parsed, []);
  const backup = parsed as Partial<ProjectBackup>;
  if (backup.format !== BACKUP_FORMAT) return { ok: false, error: '不是本系统的备份文件' };
  if (typeof backup.formatVersion !== 'number' || backup.formatVersion > BACKUP_FORMAT_VERSION) return { ok: false, error: '备份来自更新版本的系统，请先升级' };
  if (typeof backup.schemaVersion !== 'number' || backup.schemaVersion > SCHEMA_VERSION) return { ok: false, error: `备份的数据库版本（${String(backup.schemaVersion)}）比本系统新，请先升级` };
  const problem = checkRecords(backup.records);
  if (problem) return { ok: false, error: problem };
  const meta = typeof backup.meta === 'object' && backup.meta !== null ? backup.meta : {};
  return { ok: true, value: { ...(backup as ProjectBackup), meta } };
}

/** Settings of this machine that a restore keeps (who edits here, when this machine last backed up). */
const LOCAL_META_KEYS = [JOURNAL_AUTHOR_META_KEY, LAST_BACKUP_META_KEY];

/**
 * Replaces the stored project with `backup` (one transaction, journaled as `action`), after
 * taking a snapshot of the current project into an automatic checkpoint (`checkpointName`) so the
 * replacement can be rolled back. This machine's own settings are kept.
 */
export async function replaceProject(service: ProjectService, backup: ProjectBackup, action: string, checkpointName: string): Promise<void> {
  const current = await service.readEverything();
  const snapshot = packBackup(current.records, current.meta, service.now()).bytes;
  const records = Object.fromEntries(RECORD_KINDS.filter((kind) => kind in backup.records).map((kind) => [kind, backup.records[kind] ?? []]));
  const meta = { ...backup.meta };
  for (const key of LOCAL_META_KEYS) {
    if (key in current.meta) meta[key] = current.meta[key];
    else delete meta[key];
  }
  await service.replaceEverything(records, meta, { action, checkpointName, snapshot });
}

/**
 * Replaces the stored project with the backup (one transaction) and reloads the views. The kinds
 * the backup holds are replaced (a full backup holds every kind); others are left as they are.
 * An automatic checkpoint with a snapshot of the project before the restore is made first.
 */
export async function restoreBackup(service: ProjectService, backup: ProjectBackup): Promise<void> {
  await replaceProject(service, backup, JOURNAL_ACTIONS.restore, `${JOURNAL_ACTIONS.restore}前自动还原点`);
}
