/** The always-visible save status: 已保存 (time) / 正在保存 / 保存失败 with the reason. */
import type { SaveStatus } from '../state/project-state';

function timeOfDay(isoTimestamp: string): string {
  return new Date(isoTimestamp).toLocaleTimeString('zh-CN', { hour12: false });
}

export function SaveStatusBadge({ status }: { status: SaveStatus }) {
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
        </span>
      );
  }
}
