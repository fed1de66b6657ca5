/**
 * The import report: what was read from each file, the counts, and every repaired, quarantined or
 * rejected feature by file, index, id and rule, with the area before and after a repair. Long
 * reports show their first rows and can be saved whole as CSV. All text is rendered as text.
 */
import { formatArea } from '../../domain/area-units';
import { VALIDATION_RULES } from '../../geo/validation-rules';
import { ACTION_LABELS, findingsCsv, type FindingCount, type ImportItem, type ImportReport } from '../../state/import-report';
import { downloadBlob } from '../../ui/download';

/**
 * Rows of the findings table drawn in the page; the CSV has all of them. The dialog appears while
 * MapLibre's workers tile the preview: 300 rows took 84 ms of layout there.
 */
const SHOWN_ITEMS = 100;

const areaChange = (item: ImportItem): string =>
  item.areaBeforeSquareMeters !== null && item.areaAfterSquareMeters !== null
    ? `${formatArea(item.areaBeforeSquareMeters).squareMeters} → ${formatArea(item.areaAfterSquareMeters).squareMeters}`
    : '—';

function saveFindings(report: ImportReport, csv: Blob | null): void {
  downloadBlob(csv ?? new Blob([findingsCsv(report.items)], { type: 'text/csv;charset=utf-8' }), '导入报告.csv');
}

function FindingCounts({ counts }: { counts: readonly FindingCount[] }) {
  if (counts.length === 0) return null;
  return (
    <ul className="finding-counts" data-testid="import-finding-counts">
      {counts.map((entry) => (
        <li key={`${entry.action}/${entry.rule}`} data-rule={entry.rule} data-action={entry.action} data-count={entry.count}>
          {ACTION_LABELS[entry.action] ?? entry.action}：{VALIDATION_RULES[entry.rule] ?? entry.rule} {entry.count} 个
        </li>
      ))}
    </ul>
  );
}

export function ImportReportView({ report, stored, accepted, findings = null }: { report: ImportReport; stored: boolean; accepted: number; findings?: Blob | null }) {
  const items = report.items;
  const total = report.itemCount ?? items.length;
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
      {stored ? (
        <p>
          已导入 <b data-testid="import-imported">{report.imported}</b> 个（其中修复 <b>{report.repaired}</b> 个），
          拒绝 <b data-testid="import-rejected">{report.rejected}</b> 个。
        </p>
      ) : (
        <p>
          可导入 <b data-testid="import-accepted">{accepted}</b> 个（其中修复 <b data-testid="import-repaired">{report.repaired}</b> 个），
          拒绝 <b data-testid="import-rejected">{report.rejected}</b> 个。确认后才写入数据库。
        </p>
      )}
      <FindingCounts counts={report.findingCounts ?? []} />
      {items.length > 0 && (
        <>
          <table data-testid="import-findings" className="import-findings">
            <thead><tr><th>文件</th><th>序号</th><th>编号</th><th>处理</th><th>原因</th><th>面积（修复前→后）</th></tr></thead>
            <tbody>
              {items.slice(0, SHOWN_ITEMS).map((item, position) => (
                <tr key={position} className={item.action} data-rule={item.rule} data-index={item.index}>
                  <td>{item.fileName}</td>
                  <td>{item.index + 1}</td>
                  <td>{item.id ?? '—'}</td>
                  <td>{ACTION_LABELS[item.action] ?? item.action}{item.repair === 'splitBowTie' ? '（可拆分修复）' : ''}</td>
                  <td>{item.message}</td>
                  <td>{areaChange(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > Math.min(SHOWN_ITEMS, items.length) && <p className="hint">共 {total} 条，另有 {total - Math.min(SHOWN_ITEMS, items.length)} 条未列出（见完整报告）。</p>}
          <button type="button" data-testid="import-report-csv" onClick={() => saveFindings(report, findings)}>保存完整报告（CSV）</button>
        </>
      )}
    </div>
  );
}
