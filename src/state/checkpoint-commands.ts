/**
 * Checkpoint commands: create a named checkpoint (创建还原点), preview a rollback (how many records
 * would change) and roll back to a checkpoint. A rollback undoes the journal after the checkpoint
 * in one transaction, journaled as 回滚 with an automatic checkpoint just before it (so it can be
 * rolled back in turn); when the journal cannot be undone record by record (a restore from a
 * backup lies in between) a checkpoint that kept a snapshot is rolled back by replacing the
 * project with its snapshot.
 */
import type { RecordKind } from '../domain/record-kinds';
import type { Checkpoint } from '../storage/checkpoints';
import type { StoredRecord } from '../storage/repository';
import { planRollback, type RollbackChange } from './checkpoint-rollback';
import { JOURNAL_ACTIONS } from './journal-entries';
import { readBackup, replaceProject, type ProjectBackup } from './project-backup';
import type { ProjectService, RecordChanges } from './project-service';

export const MAX_CHECKPOINT_NAME_LENGTH = 50;

export type CheckpointResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface RollbackPreview {
  checkpoint: Checkpoint;
  /** `journal`: the entries after the checkpoint are undone; `snapshot`: the project is replaced by the checkpoint's snapshot. */
  mode: 'journal' | 'snapshot';
  /** Records that would change (put back, changed back or deleted). */
  changedCount: number;
}

type Plan = { preview: RollbackPreview; changes: RollbackChange[] } | { preview: RollbackPreview; backup: ProjectBackup };

/** Creates a checkpoint named by the user; refuses an empty or over-long name. */
export async function createNamedCheckpoint(service: ProjectService, name: string): Promise<CheckpointResult<null>> {
  const trimmed = name.trim();
  if (trimmed === '') return { ok: false, reason: '请填写还原点名称' };
  if (trimmed.length > MAX_CHECKPOINT_NAME_LENGTH) return { ok: false, reason: `还原点名称不能超过 ${MAX_CHECKPOINT_NAME_LENGTH} 个字` };
  try {
    await service.createCheckpoint(trimmed);
  } catch (error) {
    return { ok: false, reason: `创建还原点失败：${(error as Error).message}` };
  }
  return { ok: true, value: null };
}

function currentOf(service: ProjectService): (kind: RecordKind, id: string) => StoredRecord | null {
  const records = service.store.getState().records as Record<string, readonly StoredRecord[]>;
  const indexes = new Map<string, Map<string, StoredRecord>>();
  return (kind, id) => {
    let index = indexes.get(kind);
    if (!index) indexes.set(kind, (index = new Map((records[kind] ?? []).map((record) => [record.id, record]))));
    return index.get(id) ?? null;
  };
}

/** How many records differ between the current project and a snapshot (kinds the snapshot holds). */
function countSnapshotChanges(service: ProjectService, backup: ProjectBackup): number {
  const current = currentOf(service);
  const records = service.store.getState().records as Record<string, readonly StoredRecord[]>;
  let changed = 0;
  for (const [kind, list] of Object.entries(backup.records)) {
    // Kinds the store does not hold are not shown anywhere; they are replaced but not counted.
    if (!(kind in records)) continue;
    const kept = new Set<string>();
    for (const record of list) {
      kept.add(record.id);
      if (JSON.stringify(current(kind as RecordKind, record.id)) !== JSON.stringify(record)) changed += 1;
    }
    changed += (records[kind] ?? []).filter((record) => !kept.has(record.id)).length;
  }
  return changed;
}

async function planFor(service: ProjectService, checkpointId: string): Promise<CheckpointResult<Plan>> {
  const checkpoint = (await service.listCheckpoints()).find((candidate) => candidate.id === checkpointId);
  if (!checkpoint) return { ok: false, reason: '找不到该还原点（可能已被删除）' };
  const plan = planRollback(await service.readJournalAfter(checkpoint.seq), currentOf(service));
  if (plan.ok) {
    const modelled = plan.changes.filter((change) => change.kind in service.store.getState().records);
    return { ok: true, value: { preview: { checkpoint, mode: 'journal', changedCount: plan.changedCount }, changes: modelled } };
  }
  const snapshot = checkpoint.hasSnapshot ? await service.readCheckpointSnapshot(checkpoint.id) : null;
  if (!snapshot) return { ok: false, reason: plan.reason };
  const backup = readBackup(snapshot);
  if (!backup.ok) return { ok: false, reason: `还原点快照无法读取：${backup.error}` };
  return { ok: true, value: { preview: { checkpoint, mode: 'snapshot', changedCount: countSnapshotChanges(service, backup.value) }, backup: backup.value } };
}

/** What rolling back to the checkpoint would do, without doing it. */
export async function previewRollback(service: ProjectService, checkpointId: string): Promise<CheckpointResult<RollbackPreview>> {
  try {
    const plan = await planFor(service, checkpointId);
    return plan.ok ? { ok: true, value: plan.value.preview } : plan;
  } catch (error) {
    return { ok: false, reason: `读取编辑日志失败：${(error as Error).message}` };
  }
}

/** Rolls the project back to the checkpoint (re-planned from the current records); resolves with what it did. */
export async function rollbackToCheckpoint(service: ProjectService, checkpointId: string): Promise<CheckpointResult<RollbackPreview>> {
  try {
    const plan = await planFor(service, checkpointId);
    if (!plan.ok) return plan;
    const { preview } = plan.value;
    const action = `${JOURNAL_ACTIONS.rollback}到「${preview.checkpoint.name}」`;
    const checkpointName = `${JOURNAL_ACTIONS.rollback}前自动还原点`;
    if ('backup' in plan.value) await replaceProject(service, plan.value.backup, action, checkpointName);
    else if (plan.value.changes.length > 0) await service.saveChanges(plan.value.changes as RecordChanges[], action, { checkpointName });
    return { ok: true, value: preview };
  } catch (error) {
    return { ok: false, reason: `回滚失败：${(error as Error).message}` };
  }
}
