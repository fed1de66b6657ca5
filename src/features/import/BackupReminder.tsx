/**
 * A non-blocking reminder in the header: edits were made since the last backup download and that
 * is more than the reminder period ago (or never). One click downloads a backup; 稍后 hides it
 * until the page is opened again.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { decideBackupReminder, type BackupReminder as Reminder } from '../../state/backup-reminder';
import type { ProjectService } from '../../state/project-service';
import { downloadProjectBackup } from './backup-download';
import './checkpoints.css';

export function BackupReminder({ service }: { service: ProjectService }) {
  const phase = useSyncExternalStore(service.store.subscribe, () => service.store.getState().phase);
  const save = useSyncExternalStore(service.store.subscribe, () => service.store.getState().save);
  const [reminder, setReminder] = useState<Reminder>({ remind: false });
  const [dismissed, setDismissed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // Checked when the project is loaded and after each save.
  useEffect(() => {
    if (phase !== 'ready') return;
    let current = true;
    service.backupStatus().then((status) => { if (current) setReminder(decideBackupReminder(status, service.now())); }, () => undefined);
    return () => { current = false; };
  }, [service, phase, save]);

  if (!reminder.remind || dismissed) return null;
  async function backUp() {
    setBusy(true);
    try {
      await downloadProjectBackup(service);
      setFailure(null);
    } catch (error) {
      setFailure(`备份失败：${(error as Error).message}`);
    }
    setBusy(false);
  }
  return (
    <span className="backup-reminder" data-testid="backup-reminder" role="status" title={`${reminder.text}，建议导出项目备份`}>
      ⚠ {failure ?? reminder.short}
      <button type="button" data-testid="backup-reminder-export" disabled={busy} onClick={() => void backUp()}>立即备份</button>
      <button type="button" data-testid="backup-reminder-dismiss" title="稍后提醒" aria-label="稍后提醒" onClick={() => setDismissed(true)}>×</button>
    </span>
  );
}
