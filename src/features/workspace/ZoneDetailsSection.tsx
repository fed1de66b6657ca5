/**
 * The zone part of the feature panel: perimeter, violation figures (by status and 建筑类型, from
 * the statistics worker), 城中村 征/签/腾/拆 and 四无 figures, what the zone covers wholly or partly
 * (violations, 城中村 blocks, industrial blocks) and the overlap warning. All figures come from the
 * `selectZoneDetails` selector; this only formats them.
 */
import { formatArea } from '../../domain/area-units';
import type { CoverageSummary, ZoneBreakdown, ZoneDetails } from '../../state/zone-details';
import './zone-figures.css';

const rateText = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

function BreakdownTable({ label, testId, breakdown }: { label: string; testId: string; breakdown: ZoneBreakdown }) {
  if (breakdown.rows.length === 0) return null;
  return (
    <table className="zone-figures-table" data-testid={testId}>
      <thead><tr><th>{label}</th><th>宗数</th><th>区内面积</th></tr></thead>
      <tbody>
        {breakdown.rows.map((row) => (
          <tr key={row.key} data-key={row.key} data-count={row.count} data-area={row.areaSquareMeters}>
            <td>{row.key}</td><td>{row.count}</td><td>{formatArea(row.areaSquareMeters).squareMeters}</td>
          </tr>
        ))}
        <tr className="zone-figures-total" data-key="total" data-count={breakdown.totalCount} data-area={breakdown.totalAreaSquareMeters}>
          <td>合计</td><td>{breakdown.totalCount}</td><td>{formatArea(breakdown.totalAreaSquareMeters).squareMeters}</td>
        </tr>
      </tbody>
    </table>
  );
}

const lengthFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });

function CoverageRow({ label, testId, summary }: { label: string; testId: string; summary: CoverageSummary }) {
  const names = (list: string[], count: number) => (list.length === 0 ? '' : `：${list.join('、')}${count > list.length ? ' 等' : ''}`);
  return (
    <div className="zone-coverage-row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span data-testid={`${testId}-wholly`}>全部覆盖 {summary.whollyCount} 个</span>
        {names(summary.whollyNames, summary.whollyCount)}
        <br />
        <span data-testid={`${testId}-partly`}>部分覆盖 {summary.partlyCount} 个</span>
        {names(summary.partlyNames, summary.partlyCount)}
      </dd>
    </div>
  );
}

export function ZoneDetailsSection({ details, onEditAttributes }: { details: ZoneDetails; onEditAttributes(): void }) {
  const statistics = details.statistics;
  const violationArea = statistics ? formatArea(statistics.violationAreaSquareMeters) : null;
  return (
    <section className="zone-details" data-testid="zone-details">
      <p className="zone-perimeter" data-testid="zone-perimeter">周长 {lengthFormat.format(details.perimeterMeters)} m</p>
      {details.overlaps.length > 0 && (
        <p className="zone-overlap-warning" data-testid="zone-overlap-warning" role="status">
          与其他区块重叠 {formatArea(details.overlapAreaSquareMeters).squareMeters}：
          {details.overlaps.map((overlap) => `${overlap.name}（${formatArea(overlap.areaSquareMeters).squareMeters}）`).join('、')}
        </p>
      )}
      {statistics && violationArea ? (
        <>
          <p className="zone-violation-figures" data-testid="zone-violation-figures" data-count={statistics.violationCount}
            data-area={statistics.violationAreaSquareMeters} data-demolished-area={statistics.demolishedAreaSquareMeters}>
            区内违建图斑 {statistics.violationCount} 个，面积 {violationArea.squareMeters}（已拆除 {formatArea(statistics.demolishedAreaSquareMeters).squareMeters}）
          </p>
          <BreakdownTable label="状态" testId="zone-violations-by-status" breakdown={details.byStatus} />
          <BreakdownTable label="建筑类型" testId="zone-violations-by-type" breakdown={details.byBuildingType} />
          <p className="zone-village-figures" data-testid="zone-village-figures" data-blocks={statistics.village.blockIds.length}
            data-households={statistics.village.households} data-expropriated={statistics.village.expropriatedHouseholds}
            data-signed={statistics.village.signedHouseholds} data-vacated={statistics.village.vacatedHouseholds}
            data-demolished={statistics.village.demolishedHouseholds}>
            城中村（{statistics.village.blockIds.length} 个区块，{statistics.village.households} 户）：征 {statistics.village.expropriatedHouseholds} 户，
            签 {statistics.village.signedHouseholds} 户，腾 {statistics.village.vacatedHouseholds} 户，拆 {statistics.village.demolishedHouseholds} 户；
            签约率 {rateText(statistics.village.signingRate)}，腾空率 {rateText(statistics.village.vacatingRate)}
          </p>
          <p className="zone-four-no-figures" data-testid="zone-four-no-figures" data-found={statistics.fourNo.found} data-rectified={statistics.fourNo.rectified}>
            四无单位：排查 {statistics.fourNo.found} 家，已整治 {statistics.fourNo.rectified} 家，整治率 {rateText(statistics.fourNo.rectificationRate)}
          </p>
        </>
      ) : (
        <p className="zone-figures-pending" data-testid="zone-figures-pending" role="status">区块统计计算中…</p>
      )}
      <dl className="zone-coverage">
        <CoverageRow label="违建图斑" testId="zone-coverage-violations" summary={details.violations} />
        <CoverageRow label="城中村区块" testId="zone-coverage-villageBlocks" summary={details.villageBlocks} />
        <CoverageRow label="工业区块" testId="zone-coverage-industrialBlocks" summary={details.industrialBlocks} />
      </dl>
      <button type="button" className="zone-edit-attributes" data-testid="zone-edit-attributes" onClick={onEditAttributes}>修改属性</button>
    </section>
  );
}
