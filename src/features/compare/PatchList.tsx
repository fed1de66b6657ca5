/** The change patches by status, filterable; a row selects its patch and shows it on the map. */
import { CHANGE_PATCH_STATUSES, type ChangePatch, type ChangePatchStatus } from '../../domain/change-patches';
import { rgbaToCss } from '../../map/palette';
import { changePatchColor } from '../../map/compare-layers';

export type PatchFilter = 'all' | ChangePatchStatus;

export function patchStatusText(patch: ChangePatch): string {
  const { status, verdict } = patch.properties;
  return status === '认定' && verdict ? `认定（${verdict}）` : status;
}

export function PatchList({ patches, filter, onFilter, selectedId, onSelect }: {
  patches: readonly ChangePatch[];
  filter: PatchFilter;
  onFilter(filter: PatchFilter): void;
  selectedId: string | null;
  onSelect(patch: ChangePatch): void;
}) {
  const counts = new Map<PatchFilter, number>([['all', patches.length]]);
  for (const patch of patches) counts.set(patch.properties.status, (counts.get(patch.properties.status) ?? 0) + 1);
  const shown = filter === 'all' ? patches : patches.filter((patch) => patch.properties.status === filter);
  return (
    <section className="patch-list-section">
      <header className="patch-list-head">
        <h2>变化图斑</h2>
        <select data-testid="patch-filter-status" value={filter} onChange={(event) => onFilter(event.target.value as PatchFilter)} aria-label="按状态筛选">
          <option value="all">全部（{counts.get('all') ?? 0}）</option>
          {CHANGE_PATCH_STATUSES.map((status) => <option key={status} value={status}>{status}（{counts.get(status) ?? 0}）</option>)}
        </select>
      </header>
      <ul className="patch-list" data-testid="patch-list" role="listbox" aria-label="变化图斑列表">
        {shown.length === 0 && <li className="patch-empty">{patches.length === 0 ? '尚无变化图斑：把地图移到要检查的范围，点“检测当前视图变化”。' : '没有该状态的图斑'}</li>}
        {shown.map((patch) => (
          <li key={patch.id} role="option" aria-selected={patch.id === selectedId} data-testid="patch-row" data-patch-id={patch.id}
            className={patch.id === selectedId ? 'selected' : ''} onClick={() => onSelect(patch)}>
            <span className="patch-swatch" style={{ background: rgbaToCss(changePatchColor(patch.properties)) }} />
            <span className="patch-code">{patch.properties.code}</span>
            <span className="patch-status">{patchStatusText(patch)}</span>
            <span className="patch-area">{Math.round(patch.properties.areaSquareMeters).toLocaleString('zh-CN')} m²</span>
            <span className="patch-confidence" title="置信度">{Math.round(patch.properties.confidence * 100)}%</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
