/** A small notice over the map while the dense layers (violations) are still being read. */
import { RECORD_KIND_LABELS } from '../../domain/record-kinds';
import type { LoadProgress } from '../../state/project-state';

export function LoadProgressChip({ progress }: { progress: LoadProgress }) {
  const kinds = progress.pendingKinds.map((kind) => RECORD_KIND_LABELS[kind]).join('、');
  return (
    <div className="load-progress" role="status" data-testid="load-progress" data-records-read={progress.recordsRead}>
      正在载入{kinds}：已读 {progress.recordsRead.toLocaleString('zh-CN')} 条，其余图层已可浏览
    </div>
  );
}
