/** The always-visible save status: 已保存 (time) / 正在保存 / 保存失败 with the reason. */
import type { SaveStatus, StoragePersistence } from '../state/project-state';

function timeOfDay(isoTimestamp: string): string {
  return new Date(isoTimestamp).toLocaleTimeString('zh-CN', { hour12: false });
}

const PERSISTENCE_TEXT: Record<StoragePersistence, string | null> = {
  unknown: null,
  persistent: null,
  'best-effort': '浏览器未承诺长期保存本地数据（存储空间不足时可能被清除），请定期导出项目备份',
  unavailable: '当前地址无法申请持久存储（需 https 或本机访问），请定期导出项目备份',
};

/** A small warning when the browser may evict the project's storage. */
export function PersistenceWarning({ persistence }: { persistence: StoragePersistence }) {
  const text = PERSISTENCE_TEXT[persistence];
  if (!text) return null;
  return <span className="persistence-warning" data-testid="storage-persistence" data-persistence={persistence} title={text}>⚠ 存储未持久化</span>;
}

export function SaveStatusBadge({ status, onExportMemory }: { status: SaveStatus; onExportMemory(): void }) {
  switch (status.state) {
    case 'idle':
      return <span className="save-status" data-testid="save-status" data-state="idle">数据已载入本机</span>;
    case 'saving':
      return <span className="save-status saving" data-testid="save-status" data-state="saving">正在保存…</span>;
    case 'saved':
      return (
        <span className="save-status saved" data-testid="save-status" data-state="saved">
          已保存 {timeOfDay(status.at)}
        </span>
      );
    case 'failed':
      return (
        <span className="save-status failed" data-testid="save-status" data-state="failed" role="alert" title={status.failure.detail}>
          保存失败：{status.failure.message}
          <button type="button" className="save-export" data-testid="save-failed-export" onClick={onExportMemory}>导出当前数据</button>
        </span>
      );
  }
}
