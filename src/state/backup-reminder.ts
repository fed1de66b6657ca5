/**
 * Whether to remind the user to download a project backup: edits were made since the last backup
 * and that backup is older than the reminder period (or there never was one). Pure.
 */
export const DEFAULT_BACKUP_REMINDER_DAYS = 7;
const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

export interface BackupState {
  /** ISO time of the last downloaded backup, null if never. */
  lastBackupAt: string | null;
  /** Journal entries written since then (all of them if never). */
  editsSince: number;
}

/** `short` fits the header; `text` says it fully (tooltip). */
export type BackupReminder = { remind: false } | { remind: true; short: string; text: string };

export function decideBackupReminder(state: BackupState, now: Date, days = DEFAULT_BACKUP_REMINDER_DAYS): BackupReminder {
  if (state.editsSince <= 0) return { remind: false };
  if (state.lastBackupAt === null) return { remind: true, short: `${state.editsSince} 次修改未备份`, text: `已有 ${state.editsSince} 次修改，尚未导出过项目备份` };
  const last = new Date(state.lastBackupAt);
  if (Number.isNaN(last.getTime())) return { remind: true, short: `${state.editsSince} 次修改未备份`, text: `已有 ${state.editsSince} 次修改，上次备份时间无法识别` };
  const ageDays = Math.floor((now.getTime() - last.getTime()) / DAY_MILLISECONDS);
  if (ageDays < days) return { remind: false };
  return { remind: true, short: `备份已 ${ageDays} 天`, text: `上次备份已是 ${ageDays} 天前，之后有 ${state.editsSince} 次修改` };
}
