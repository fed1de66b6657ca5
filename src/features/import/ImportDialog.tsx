/**
 * The import dialog: choose the target layer, pick GeoJSON files, see the report (imported /
 * repaired / rejected, each finding by file, index, id and rule). All text is rendered as text.
 */
import { useState } from 'react';
import { formatArea } from '../../domain/area-units';
import { gaussKrugerCentralMeridian, type CoordinateSystem } from '../../domain/coordinate-system';
import { RECORD_KIND_LABELS } from '../../domain/record-kinds';
import { importFiles, type ImportReport } from '../../state/import-pipeline';
import type { ProjectService } from '../../state/project-service';
import { IMPORTABLE_KINDS, type ImportableKind } from '../../state/record-normalisers';
import { BackupSection } from './BackupSection';

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

function ReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" data-testid="import-report">
      {report.errors.map((error) => <p key={error} className="panel-error" role="alert">{error}</p>)}
      {report.sources.length > 0 && (
        <table data-testid="import-sources">
          <thead><tr><th>文件 / 图层</th><th>坐标系</th><th>属性编码</th><th>要素数</th><th>提示</th></tr></thead>
          <tbody>
            {report.sources.map((source) => (
              <tr key={source.label}>
                <td>{source.label}</td><td>{source.coordinateSystem}</td><td>{source.encoding ?? '—'}</td>
                <td>{source.featureCount}</td><td>{source.warnings.join('；') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        导入 <b data-testid="import-imported">{report.imported}</b> 个，修复 <b>{report.repaired}</b> 个，
        拒绝 <b data-testid="import-rejected">{report.rejected}</b> 个。
      </p>
      {report.items.length > 0 && (
        <table>
          <thead><tr><th>文件</th><th>序号</th><th>编号</th><th>处理</th><th>原因</th><th>面积（修复前→后）</th></tr></thead>
          <tbody>
            {report.items.map((item, position) => (
              <tr key={position} className={item.action}>
                <td>{item.fileName}</td>
                <td>{item.index + 1}</td>
                <td>{item.id ?? '—'}</td>
                <td>{item.action === 'repaired' ? '已修复' : '已拒绝'}</td>
                <td>{item.message}</td>
                <td>
                  {item.areaBeforeSquareMeters !== null && item.areaAfterSquareMeters !== null
                    ? `${formatArea(item.areaBeforeSquareMeters).squareMeters} → ${formatArea(item.areaAfterSquareMeters).squareMeters}`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function ImportDialog({ service, onClose }: { service: ProjectService; onClose(): void }) {
  const [kind, setKind] = useState<ImportableKind>('violations');
  const [coordinateChoice, setCoordinateChoice] = useState('auto');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function run(picked: File[], choice = coordinateChoice) {
    if (picked.length === 0) return;
    setFiles(picked);
    setBusy(true);
    const system = COORDINATE_CHOICES.find((entry) => entry.id === choice)?.system;
    setReport(await importFiles(service, picked, kind, system ? { coordinateSystem: system } : {}));
    setBusy(false);
  }

  return (
    <div className="dialog-backdrop" role="dialog" aria-label="导入数据">
      <div className="dialog">
        <header>
          <h2>导入数据（GeoJSON / Shapefile）与项目备份</h2>
          <button type="button" className="close" data-testid="import-close" onClick={onClose}>×</button>
        </header>
        <label>
          目标图层：
          <select data-testid="import-kind" value={kind} onChange={(event) => setKind(event.target.value as ImportableKind)}>
            {IMPORTABLE_KINDS.map((option) => <option key={option} value={option}>{RECORD_KIND_LABELS[option]}</option>)}
          </select>
        </label>
        <label>
          坐标系：
          <select data-testid="import-coordinate-system" value={coordinateChoice} onChange={(event) => setCoordinateChoice(event.target.value)}>
            {COORDINATE_CHOICES.map((choice) => <option key={choice.id} value={choice.id}>{choice.label}</option>)}
          </select>
          {files.length > 0 && report && report.errors.length > 0 && (
            <button type="button" data-testid="import-retry" disabled={busy} onClick={() => void run(files)}>按所选坐标系重新导入</button>
          )}
        </label>
        <label className="file-picker">
          选择文件：
          <input type="file" accept=".geojson,.json,.zip,.shp,.dbf,.prj,.cpg,.shx" multiple data-testid="import-file-input" disabled={busy}
            onChange={(event) => void run([...(event.target.files ?? [])])} />
        </label>
        <p className="hint">支持 GeoJSON 与 Shapefile（.zip 或同时选择 .shp/.dbf/.prj/.cpg）；GBK 与 UTF-8 属性自动识别；CGCS2000 经纬度、3 度带高斯-克吕格（含带号）由 .prj 或坐标数值识别，无法识别时请选择坐标系。KML、DXF、Excel 尚不支持。</p>
        {busy && <p>正在导入…</p>}
        {report && <ReportView report={report} />}
        <BackupSection service={service} />
      </div>
    </div>
  );
}
