import { describe, expect, it } from 'vitest';
import { decideBackupReminder } from './backup-reminder';

const now = new Date('2026-11-21T08:00:00.000Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 24 * 3600 * 1000).toISOString();

describe('decideBackupReminder', () => {
  it('reminds only when there are edits since a backup older than the period, or since none', () => {
    expect(decideBackupReminder({ lastBackupAt: null, editsSince: 0 }, now)).toEqual({ remind: false });
    expect(decideBackupReminder({ lastBackupAt: null, editsSince: 3 }, now)).toMatchObject({ remind: true, short: '3 次修改未备份', text: expect.stringContaining('尚未导出') });
    expect(decideBackupReminder({ lastBackupAt: daysAgo(6.9), editsSince: 5 }, now)).toEqual({ remind: false });
    expect(decideBackupReminder({ lastBackupAt: daysAgo(8), editsSince: 5 }, now)).toMatchObject({ remind: true, short: '备份已 8 天', text: expect.stringContaining('8 天前') });
    expect(decideBackupReminder({ lastBackupAt: daysAgo(30), editsSince: 0 }, now)).toEqual({ remind: false });
    expect(decideBackupReminder({ lastBackupAt: daysAgo(2), editsSince: 1 }, now, 1)).toMatchObject({ remind: true });
  });
});
