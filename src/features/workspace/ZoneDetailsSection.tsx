/**
 * The zone part of the feature panel: perimeter, violation figures, what the zone covers wholly or
 * partly (violations, 城中村 blocks, industrial blocks) and the overlap warning. All figures come
 * from the `selectZoneDetails` selector; this only formats them.
 */
import { formatArea } from '../../domain/area-units';
import type { CoverageSummary, ZoneDetails } from '../../state/zone-details';

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
      {statistics && violationArea && (
        <p className="zone-violation-figures" data-testid="zone-violation-figures">
          区内违建图斑 {statistics.violationCount} 个，面积 {violationArea.squareMeters}（已拆除 {formatArea(statistics.demolishedAreaSquareMeters).squareMeters}）
        </p>
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
