/**
 * Project backup in the import dialog: save the whole project as one file, or restore one (after
 * the user has seen what it holds and confirmed; the old project is replaced in one transaction,
 * after an automatic checkpoint that keeps a snapshot of it); then the checkpoints (还原点).
 */
import { useState } from 'react';
import { RECORD_KIND_LABELS, isRecordKind } from '../../domain/record-kinds';
import { readBackup, restoreBackup, type ProjectBackup } from '../../state/project-backup';
import type { ProjectService } from '../../state/project-service';
import { downloadProjectBackup } from './backup-download';
import { CheckpointSection } from './CheckpointSection';

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts).filter(([, count]) => count > 0)
    .map(([kind, count]) => `${isRecordKind(kind) ? RECORD_KIND_LABELS[kind] : kind} ${count}`).join('，');
}

export function BackupSection({ service }: { service: ProjectService }) {
  const [pending, setPending] = useState<ProjectBackup | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  async function saveBackup() {
    setBusy(true);
    try {
      const counts = await downloadProjectBackup(service);
      setMessage({ text: `已导出备份：${describeCounts(counts)}`, error: false });
    } catch (error) {
      setMessage({ text: `备份失败：${(error as Error).message}`, error: true });
    }
    setBusy(false);
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    const checked = readBackup(new Uint8Array(await file.arrayBuffer()));
    if (checked.ok) {
      setPending(checked.value);
      setMessage(null);
    } else {
      setPending(null);
      setMessage({ text: `${file.name}：${checked.error}（当前数据未改动）`, error: true });
    }
  }

  async function confirmRestore() {
    if (!pending) return;
    setBusy(true);
    try {
      await restoreBackup(service, pending);
      setMessage({ text: `已从备份恢复（备份时间 ${pending.createdAt}）；恢复前的数据已存为还原点，可在下方回滚`, error: false });
      setPending(null);
    } catch (error) {
      setMessage({ text: `恢复失败，当前数据未改动：${(error as Error).message}`, error: true });
    }
    setBusy(false);
  }

  return (
    <section className="backup-section">
      <h3>项目备份</h3>
      <button type="button" data-testid="backup-export" disabled={busy} onClick={() => void saveBackup()}>导出项目备份（全部数据）</button>
      <label>
        从备份恢复：
        <input type="file" accept=".gz,.onemap.gz,application/gzip" data-testid="backup-restore-input" disabled={busy}
          onChange={(event) => void pick(event.target.files?.[0])} />
      </label>
      {pending && (
        <div className="backup-confirm">
          <p>备份时间 {pending.createdAt}，含 {describeCounts(pending.counts)}。恢复将替换本机当前的全部数据。</p>
          <button type="button" data-testid="backup-restore-confirm" disabled={busy} onClick={() => void confirmRestore()}>确认恢复</button>
          <button type="button" onClick={() => setPending(null)}>取消</button>
        </div>
      )}
      {message && <p data-testid="backup-status" className={message.error ? 'panel-error' : 'backup-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      <CheckpointSection service={service} />
    </section>
  );
}
