/**
 * The import dialog: choose the target layer, pick GeoJSON files, see the report (imported /
 * repaired / rejected, each finding by file, index, id and rule). All text is rendered as text.
 */
import { useState } from 'react';
import { formatArea } from '../../domain/area-units';
import { RECORD_KIND_LABELS } from '../../domain/record-kinds';
import { importFiles, type ImportReport } from '../../state/import-pipeline';
import type { ProjectService } from '../../state/project-service';
import { IMPORTABLE_KINDS, type ImportableKind } from '../../state/record-normalisers';

function ReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report" data-testid="import-report">
      {report.errors.map((error) => <p key={error} className="panel-error" role="alert">{error}</p>)}
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
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);

  async function run(files: FileList | null) {
    if (!files || files.length === 0) return;
    setBusy(true);
    setReport(await importFiles(service, [...files], kind));
    setBusy(false);
  }

  return (
    <div className="dialog-backdrop" role="dialog" aria-label="导入数据">
      <div className="dialog">
        <header>
          <h2>导入数据（GeoJSON）</h2>
          <button type="button" className="close" data-testid="import-close" onClick={onClose}>×</button>
        </header>
        <label>
          目标图层：
          <select data-testid="import-kind" value={kind} onChange={(event) => setKind(event.target.value as ImportableKind)}>
            {IMPORTABLE_KINDS.map((option) => <option key={option} value={option}>{RECORD_KIND_LABELS[option]}</option>)}
          </select>
        </label>
        <label className="file-picker">
          选择文件：
          <input type="file" accept=".geojson,.json,application/geo+json" multiple data-testid="import-file-input" disabled={busy}
            onChange={(event) => void run(event.target.files)} />
        </label>
        <p className="hint">坐标须为 CGCS2000 / WGS84 经纬度。投影坐标、乱码与 Shapefile/KML/DXF/Excel 将在后续版本支持。</p>
        {busy && <p>正在导入…</p>}
        {report && <ReportView report={report} />}
      </div>
    </div>
  );
}
