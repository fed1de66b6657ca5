/**
 * The zone tools over the top-left corner of the map: draw, edit boundary, split, merge, delete,
 * undo/redo and the snapping switch, with the hint of the current tool (also of the land-use
 * parcel tools started from a zone's panel), the live area and perimeter, and the last refusal. Props in, callbacks out; the buttons only name the commands.
 */
import { useSyncExternalStore } from 'react';
import { formatArea } from '../../domain/area-units';
import type { DrawingMeasure } from '../../map/zone-drawing-controller';
import type { DrawingSession } from '../../state/drawing-session';

export interface MeasureSource {
  subscribe(listener: () => void): () => void;
  getSnapshot(): DrawingMeasure | null;
}

export interface DrawingToolbarProps {
  session: DrawingSession;
  /** The selected zone the zone buttons act on, if a zone is selected. */
  selectedZoneId: string | null;
  undoLabel: string | null;
  redoLabel: string | null;
  snapping: boolean;
  measure: MeasureSource | null;
  /** The reason the last edit was refused, if any. */
  refusal: string | null;
  onDrawZone(): void;
  onEditGeometry(): void;
  onSplit(): void;
  onMerge(): void;
  onDelete(): void;
  onUndo(): void;
  onRedo(): void;
  onToggleSnapping(): void;
}

const HINTS: Record<DrawingSession['tool'], string> = {
  idle: '选择一个改造区块后可编辑、分割、合并或删除；Ctrl+Z 撤销，Ctrl+Y 重做',
  drawing: '单击地图添加顶点；Enter 或单击起点完成；Ctrl+Z 删除上一个顶点；Esc 取消',
  newZoneForm: '请在右侧填写区块属性并保存',
  editingGeometry: '拖动顶点改边界；单击边中点插入顶点；右键或 Delete 删除顶点；拖动区块内部整体移动；Esc 结束',
  editingAttributes: '请在右侧修改区块属性并保存',
  splitting: '单击绘制切割线，起点和终点都须在区块外；Enter 完成；Esc 取消',
  pickingMergePartner: '单击要合并进来的相邻区块；Esc 取消',
  drawingParcel: '绘制拆后土地利用地块：单击地图添加顶点（可吸附区块和地块边界）；Enter 或单击起点完成；Ctrl+Z 删除上一个顶点；Esc 取消',
  editingParcel: '编辑地块边界：拖动顶点；单击边中点插入顶点；右键或 Delete 删除顶点；拖动地块内部整体移动；Esc 结束',
};

const lengthFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

const EMPTY_SOURCE: MeasureSource = { subscribe: () => () => undefined, getSnapshot: () => null };

function MeasureReadout({ source }: { source: MeasureSource }) {
  const measure = useSyncExternalStore(source.subscribe, source.getSnapshot);
  if (!measure) return null;
  const area = formatArea(measure.areaSquareMeters);
  return (
    <div className="drawing-measure" data-testid="drawing-measure">
      {measure.tool !== 'line' && <span data-testid="drawing-measure-area">面积 {area.squareMeters}（{area.mu}）</span>}
      <span data-testid="drawing-measure-perimeter">{measure.tool === 'line' ? '长度' : '周长'} {lengthFormat.format(measure.perimeterMeters)} m</span>
      {measure.selfIntersecting && <span className="drawing-warning">边界自相交，松开后将被拒绝</span>}
    </div>
  );
}

export function DrawingToolbar(props: DrawingToolbarProps) {
  const { session, selectedZoneId } = props;
  const zoneTools = selectedZoneId !== null && (session.tool === 'idle' || session.tool === 'editingAttributes' || session.tool === 'editingGeometry');
  const busy = session.tool === 'drawing' || session.tool === 'newZoneForm' || session.tool === 'splitting' || session.tool === 'drawingParcel';
  const button = (testId: string, label: string, onClick: () => void, options: { disabled?: boolean; pressed?: boolean; title?: string } = {}) => (
    <button
      type="button"
      data-testid={testId}
      disabled={options.disabled}
      aria-pressed={options.pressed}
      title={options.title ?? label}
      className={options.pressed ? 'active' : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );
  return (
    <div className="drawing-toolbar" data-testid="drawing-toolbar" role="toolbar" aria-label="区块绘制工具">
      <div className="drawing-buttons">
        {button('draw-zone', '绘制区块', props.onDrawZone, { pressed: session.tool === 'drawing', disabled: session.tool === 'newZoneForm' })}
        {button('zone-edit-geometry', '编辑边界', props.onEditGeometry, { pressed: session.tool === 'editingGeometry', disabled: !zoneTools })}
        {button('zone-split', '分割', props.onSplit, { pressed: session.tool === 'splitting', disabled: !zoneTools && session.tool !== 'splitting' })}
        {button('zone-merge', '合并', props.onMerge, { pressed: session.tool === 'pickingMergePartner', disabled: !zoneTools && session.tool !== 'pickingMergePartner' })}
        {button('zone-delete', '删除', props.onDelete, { disabled: !zoneTools })}
        <span className="drawing-separator" />
        {button('undo', '撤销', props.onUndo, { disabled: props.undoLabel === null || busy, title: props.undoLabel ? `撤销：${props.undoLabel}（Ctrl+Z）` : '没有可撤销的操作' })}
        {button('redo', '重做', props.onRedo, { disabled: props.redoLabel === null || busy, title: props.redoLabel ? `重做：${props.redoLabel}（Ctrl+Y）` : '没有可重做的操作' })}
        {button('snap-toggle', props.snapping ? '吸附：开' : '吸附：关', props.onToggleSnapping, { pressed: props.snapping, title: '吸附到区块、图斑和改造区块的顶点与边（S）' })}
      </div>
      <div className="drawing-hint" data-testid="drawing-hint">{HINTS[session.tool]}</div>
      <MeasureReadout source={props.measure ?? EMPTY_SOURCE} />
      {props.refusal && <div className="drawing-refusal-line" data-testid="drawing-refusal" role="alert">已拒绝：{props.refusal}</div>}
    </div>
  );
}
