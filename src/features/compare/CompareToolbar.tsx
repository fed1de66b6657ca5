/** The toolbar of #/compare: the two epochs, the comparison mode and its setting, and change detection. */
import type { Epoch } from '../../domain/epochs';
import { COMPARE_MODES, COMPARE_MODE_LABELS, type CompareMode, type DividerOrientation } from './compare-modes';

export const FLICKER_INTERVALS_MILLISECONDS = [300, 600, 1000, 2000] as const;

export interface CompareToolbarProps {
  epochs: readonly Epoch[];
  beforeEpochId: string | null;
  afterEpochId: string | null;
  onEpochs(before: string, after: string): void;
  mode: CompareMode;
  onMode(mode: CompareMode): void;
  orientation: DividerOrientation;
  onOrientation(orientation: DividerOrientation): void;
  fade: number;
  onFade(fade: number): void;
  flickerMilliseconds: number;
  onFlickerMilliseconds(milliseconds: number): void;
  detecting: boolean;
  canDetect: boolean;
  /** Why detection is not possible (e.g. a tile epoch), shown as the buttons' title. */
  detectionBlocked: string | null;
  onDetect(): void;
  /** The detection area: none yet, being drawn, or drawn. */
  area: 'none' | 'drawing' | 'drawn';
  /** What the drawn polygon is for: a detection area or a new zone (saved from the side panel). */
  areaPurpose: 'detection' | 'zone';
  onDrawArea(): void;
  onDrawZone(): void;
  onClearArea(): void;
  onDetectArea(): void;
  onAddEpoch(): void;
}

export function CompareToolbar(props: CompareToolbarProps) {
  const { epochs, beforeEpochId, afterEpochId } = props;
  const epochOptions = epochs.map((epoch) => (
    <option key={epoch.id} value={epoch.id} title={`${epoch.date}，${epoch.source}，${epoch.resolutionMetersPerPixel} 米/像素`}>{epoch.name}</option>
  ));
  return (
    <div className="compare-toolbar">
      <label>前时相
        <select data-testid="compare-epoch-before" value={beforeEpochId ?? ''} onChange={(event) => props.onEpochs(event.target.value, afterEpochId ?? '')}>{epochOptions}</select>
      </label>
      <label>后时相
        <select data-testid="compare-epoch-after" value={afterEpochId ?? ''} onChange={(event) => props.onEpochs(beforeEpochId ?? '', event.target.value)}>{epochOptions}</select>
      </label>
      <div className="compare-modes" role="group" aria-label="比对方式">
        {COMPARE_MODES.map((mode) => (
          <button key={mode} type="button" data-testid={`compare-mode-${mode}`} aria-pressed={props.mode === mode} className={props.mode === mode ? 'active' : ''} onClick={() => props.onMode(mode)}>
            {COMPARE_MODE_LABELS[mode]}
          </button>
        ))}
      </div>
      {props.mode === 'swipe' && (
        <button type="button" data-testid="compare-orientation" onClick={() => props.onOrientation(props.orientation === 'vertical' ? 'horizontal' : 'vertical')}>
          {props.orientation === 'vertical' ? '左右卷帘' : '上下卷帘'}
        </button>
      )}
      {props.mode === 'fade' && (
        <label className="compare-fade">后时相透明度
          <input type="range" min={0} max={100} value={Math.round(props.fade * 100)} data-testid="compare-fade" onChange={(event) => props.onFade(Number(event.target.value) / 100)} />
          <span>{Math.round(props.fade * 100)}%</span>
        </label>
      )}
      {props.mode === 'flicker' && (
        <label>闪烁间隔
          <select data-testid="compare-flicker-interval" value={props.flickerMilliseconds} onChange={(event) => props.onFlickerMilliseconds(Number(event.target.value))}>
            {FLICKER_INTERVALS_MILLISECONDS.map((milliseconds) => <option key={milliseconds} value={milliseconds}>{milliseconds / 1000} 秒</option>)}
          </select>
        </label>
      )}
      <button type="button" data-testid="epoch-add" onClick={props.onAddEpoch}>添加时相</button>
      <span className="toolbar-spacer" />
      {props.area === 'none' && (
        <>
          <button type="button" data-testid="compare-draw-area" title="在任一侧地图上单击添加顶点（可跨越卷帘线），双击或回车结束，Esc 取消" onClick={props.onDrawArea}>画检测范围</button>
          <button type="button" data-testid="compare-draw-zone" title="画一个新的改造区块：单击添加顶点（可跨越卷帘线），双击或回车结束，Esc 取消" onClick={props.onDrawZone}>画改造区块</button>
        </>
      )}
      {props.area === 'drawing' && <span className="compare-drawing-hint" data-testid="compare-draw-hint">{props.areaPurpose === 'zone' ? '画改造区块：' : ''}单击添加顶点，双击或回车结束，Esc 取消</span>}
      {props.area !== 'none' && <button type="button" data-testid="compare-clear-area" onClick={props.onClearArea}>{props.area === 'drawing' || props.areaPurpose === 'zone' ? '取消' : '清除范围'}</button>}
      {props.area === 'drawn' && props.areaPurpose === 'detection' && (
        <button type="button" className="primary" data-testid="detect-area" title={props.detectionBlocked ?? undefined} disabled={!props.canDetect || props.detecting} onClick={props.onDetectArea}>
          {props.detecting ? '正在检测…' : '检测所画范围'}
        </button>
      )}
      <button type="button" className="primary" data-testid="detect-changes" title={props.detectionBlocked ?? undefined} disabled={!props.canDetect || props.detecting} onClick={props.onDetect}>
        {props.detecting ? '正在检测…' : '检测当前视图变化'}
      </button>
    </div>
  );
}
