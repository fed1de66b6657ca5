/**
 * The import dialog, docked at the right of the map: choose the target layer, pick files, answer
 * the coordinate question, map the fields, look at the preview on the map and the report, then
 * confirm (stored in one transaction) or cancel (nothing stored). Reading and checking run in the
 * import worker with a progress bar; cancel stops the worker. All text is rendered as text.
 */
import { useState } from 'react';
import { gaussKrugerCentralMeridian, type CoordinateSystem } from '../../domain/coordinate-system';
import { RECORD_KIND_LABELS } from '../../domain/record-kinds';
import { TARGET_ATTRIBUTES } from '../../state/import-field-mapping';
import type { ImportProgress, ImportStage } from '../../state/import-session';
import type { ProjectService } from '../../state/project-service';
import { geometryExpectationOf, IMPORTABLE_KINDS, type ImportableKind } from '../../state/record-normalisers';
import { BackupSection } from './BackupSection';
import { FieldMappingTable } from './FieldMappingTable';
import { ImportReportView } from './ImportReportView';
import { useImportFlow, type ImportPhase } from './use-import-flow';
import './import-dialog.css';

/** The coordinate systems a user can choose when the file's own can't be decided. */
const COORDINATE_CHOICES: { id: string; label: string; system: CoordinateSystem | undefined }[] = [
  { id: 'auto', label: '自动识别（.prj 或坐标数值）', system: undefined },
  { id: 'geographic', label: 'CGCS2000 / WGS84 经纬度', system: { kind: 'geographic', name: 'CGCS2000 经纬度（用户指定）' } },
  { id: 'swapped', label: '经纬度（纬度在前）', system: { kind: 'swappedGeographic', name: '经纬度，纬度在前（用户指定）' } },
  ...[117, 120, 123].map((meridian) => ({ id: `gk${meridian}`, label: `CGCS2000 3度带 中央经线 ${meridian}°E（不带带号）`, system: gaussKrugerCentralMeridian(meridian) })),
  { id: 'webMercator', label: 'Web 墨卡托（EPSG:3857）', system: { kind: 'webMercator', name: 'Web 墨卡托（用户指定）' } },
  { id: 'gcj02', label: 'GCJ-02（高德、腾讯）', system: { kind: 'gcj02', name: 'GCJ-02（用户指定）' } },
  { id: 'bd09', label: 'BD-09（百度）', system: { kind: 'bd09', name: 'BD-09（用户指定）' } },
];

const STAGE_LABELS: Record<ImportStage, string> = {
  read: '读取文件、识别坐标系与编码', validate: '校验与规整要素', preview: '生成地图预览', transfer: '接收要素', store: '写入数据库（一个事务，不可中断）',
};

function ProgressBar({ progress, cancellable, onCancel }: { progress: ImportProgress; cancellable: boolean; onCancel(): void }) {
  const percent = progress.total > 0 ? Math.min(100, Math.round((100 * progress.done) / progress.total)) : 0;
  return (
    <div className="import-progress" data-testid="import-progress" data-stage={progress.stage} data-percent={percent}>
      <span>{STAGE_LABELS[progress.stage]} {percent}%（{progress.done} / {progress.total}）</span>
      <progress max={100} value={percent} />
      <button type="button" data-testid="import-cancel" disabled={!cancellable} onClick={onCancel}
        title={cancellable ? '停止导入，不写入任何数据' : '正在写入数据库，无法取消'}>取消</button>
    </div>
  );
}

function previewLegend(phase: Extract<ImportPhase, { name: 'review' }>): string {
  const { accepted } = phase.checked;
  const { rejected } = phase.checked.report;
  const style = phase.checked.markers ? '橙色圆点（要素较多，只标位置）' : '橙色虚线、斜线填充';
  return `地图预览：${accepted} 个可导入要素（${style}）${rejected > 0 ? `，${rejected} 个被拒绝（红色）` : ''}。`;
}

/** Rejected bow-ties the split would repair (counted over every finding, not only the listed ones). */
function bowTies(phase: Extract<ImportPhase, { name: 'review' }>): number {
  return phase.checked.bowTies;
}

export function ImportDialog({ service, onClose }: { service: ProjectService; onClose(): void }) {
  const [kind, setKind] = useState<ImportableKind>('violations');
  const [coordinateChoice, setCoordinateChoice] = useState('auto');
  const flow = useImportFlow(service, kind);
  const { phase } = flow;
  const chosenSystem = COORDINATE_CHOICES.find((entry) => entry.id === coordinateChoice)?.system;
  const busy = phase.name === 'working';

  const close = () => {
    flow.stop();
    onClose();
  };

  return (
    <div className="dialog-backdrop import-docked" role="dialog" aria-label="导入数据">
      <div className="dialog">
        <header>
          <h2>导入数据与项目备份</h2>
          <button type="button" className="close" data-testid="import-close" onClick={close}>×</button>
        </header>
        <label>
          目标图层：
          <select data-testid="import-kind" value={kind} disabled={busy} onChange={(event) => {
            const next = event.target.value as ImportableKind;
            setKind(next);
            flow.changeKind(next);
          }}>
            {IMPORTABLE_KINDS.map((option) => <option key={option} value={option}>{RECORD_KIND_LABELS[option]}</option>)}
          </select>
        </label>
        <label>
          坐标系：
          <select data-testid="import-coordinate-system" value={coordinateChoice} onChange={(event) => setCoordinateChoice(event.target.value)}>
            {COORDINATE_CHOICES.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.id === 'auto' && phase.name === 'question' && phase.question.detected ? `按识别结果：${phase.question.detected}` : choice.label}
              </option>
            ))}
          </select>
        </label>
        <label className="file-picker">
          选择文件：
          <input type="file" accept=".geojson,.json,.zip,.shp,.dbf,.prj,.cpg,.shx,.kml,.kmz,.dxf,.csv,.xlsx" multiple data-testid="import-file-input" disabled={busy}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              flow.pick(files, chosenSystem);
            }} />
        </label>
        <p className="hint">
          文件在后台线程中读取和校验，导入前先在地图上预览。GBK 与 UTF-8 属性自动识别；坐标不是经纬度或经纬度颠倒时会请您确认坐标系。
        </p>

        {phase.name === 'idle' && phase.message && <p className="import-message" data-testid="import-message">{phase.message}</p>}
        {phase.name === 'working' && <ProgressBar progress={phase.progress} cancellable={phase.cancellable} onCancel={flow.cancel} />}

        {phase.name === 'question' && (
          <div className="import-question" data-testid="import-coordinate-question" role="alert">
            <p>{phase.question.reason}</p>
            <p>请在上方「坐标系」中选择后继续；不会按经纬度直接导入。</p>
            <button type="button" data-testid="import-retry" disabled={coordinateChoice === 'auto' && !phase.read}
              onClick={() => flow.answer(chosenSystem)}>使用所选坐标系继续</button>
            <button type="button" data-testid="import-cancel" onClick={flow.cancel}>取消</button>
          </div>
        )}

        {phase.name === 'failed' && <ImportReportView report={phase.report} stored accepted={0} />}

        {phase.name === 'review' && (
          <div className="import-review">
            <h3>字段映射：文件 → {RECORD_KIND_LABELS[kind]}</h3>
            <FieldMappingTable attributes={TARGET_ATTRIBUTES[kind]} fields={phase.read.fields} mapping={flow.mapping}
              showsArea={geometryExpectationOf(kind) === 'area'} onChange={flow.changeMapping} />
            <p className="import-preview-legend" data-testid="import-preview">{previewLegend(phase)}</p>
            {phase.stale ? (
              <p className="import-stale">映射或图层已修改：<button type="button" data-testid="import-check" onClick={() => flow.recheck()}>重新校验并预览</button></p>
            ) : null}
            {!phase.stale && bowTies(phase) > 0 && (
              <p className="import-repair">
                {bowTies(phase)} 个多边形边界自相交（蝴蝶形），可安全拆分为多个多边形（面积前后对比见报告）：
                <button type="button" data-testid="import-repair-bowties" onClick={() => flow.recheck(true)}>拆分并重新校验</button>
              </p>
            )}
            <ImportReportView report={phase.checked.report} stored={false} accepted={phase.checked.accepted} findings={phase.checked.findingsCsv} />
            <div className="import-actions">
              <button type="button" className="primary" data-testid="import-confirm" disabled={phase.stale || phase.checked.accepted === 0}
                onClick={flow.confirm}>确认导入 {phase.checked.accepted} 个要素</button>
              <button type="button" data-testid="import-cancel" onClick={flow.cancel}>取消（不导入）</button>
            </div>
          </div>
        )}

        {phase.name === 'stored' && <ImportReportView report={phase.report} stored accepted={phase.report.imported} />}
        <BackupSection service={service} />
      </div>
    </div>
  );
}
