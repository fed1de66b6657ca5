/**
 * 小微园 in the feature panel: a site's capacity, allocated and free floor area and its
 * enterprises, the allocation form (入园) with the refusal reason, and the county totals against the
 * annual target. Also the per-zone park figures shown in a zone's panel. Figures come from
 * `selectParkAllocation`; this only formats them.
 */
import { useState } from 'react';
import { formatArea } from '../../domain/area-units';
import type { ParkAllocationSummary, ParkFigures } from '../../domain/park-allocation';
import type { Enterprise } from '../../domain/records';

const rateFormat = new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 });
const m2 = (squareMeters: number) => formatArea(squareMeters).squareMeters;

export function ParkFiguresLine({ figures, testId }: { figures: ParkFigures; testId: string }) {
  return (
    <p
      className="park-figures"
      data-testid={testId}
      data-capacity={figures.capacitySquareMeters}
      data-allocated={figures.allocatedSquareMeters}
      data-free={figures.freeSquareMeters}
      data-enterprises={figures.enterpriseCount}
    >
      规划建筑面积 {m2(figures.capacitySquareMeters)}，已分配 {m2(figures.allocatedSquareMeters)}，剩余 {m2(figures.freeSquareMeters)}，入园企业 {figures.enterpriseCount} 家
    </p>
  );
}

export interface ParkSiteSectionProps {
  siteId: string;
  summary: ParkAllocationSummary;
  enterprises: readonly Enterprise[];
  /** Allocates; resolves with a refusal reason or null. */
  onAllocate(enterpriseId: string): Promise<string | null>;
  onRelease(enterpriseId: string): void;
}

export function ParkSiteSection({ siteId, summary, enterprises, onAllocate, onRelease }: ParkSiteSectionProps) {
  const [choice, setChoice] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const figures = summary.sites.find((site) => site.id === siteId);
  if (!figures) return null;
  const inSite = enterprises.filter((enterprise) => enterprise.parkSiteId === siteId);
  const selected = summary.waiting.some((enterprise) => enterprise.id === choice) ? choice : summary.waiting[0]?.id ?? '';
  const county = summary.county;

  const allocate = async () => {
    if (!selected) return;
    const reason = await onAllocate(selected);
    setRefusal(reason);
    if (!reason) setChoice('');
  };

  return (
    <section className="park-site-section" data-testid="park-site-section">
      <h3>入园分配</h3>
      <ParkFiguresLine figures={figures} testId="park-site-figures" />
      <ul className="park-site-enterprises" data-testid="park-site-enterprises">
        {inSite.map((enterprise) => (
          <li key={enterprise.id} data-enterprise-id={enterprise.id}>
            {enterprise.name}（{enterprise.industry}，{m2(enterprise.floorAreaNeededSquareMeters)}）
            <button type="button" className="link" data-testid="park-release-enterprise" onClick={() => onRelease(enterprise.id)}>移出</button>
          </li>
        ))}
      </ul>
      {summary.waiting.length > 0 ? (
        <div className="park-allocate">
          <label>
            待入园企业（{summary.waiting.length} 家）：
            <select data-testid="park-allocate-enterprise" value={selected} onChange={(event) => { setChoice(event.target.value); setRefusal(null); }}>
              {summary.waiting.map((enterprise) => (
                <option key={enterprise.id} value={enterprise.id}>
                  {enterprise.name}｜{enterprise.industry}｜{m2(enterprise.floorAreaNeededSquareMeters)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" data-testid="park-allocate-apply" onClick={() => void allocate()}>分配入园</button>
        </div>
      ) : (
        <p>所有企业均已入园。</p>
      )}
      {refusal && <p className="panel-error" role="alert" data-testid="park-allocate-refusal">{refusal}</p>}
      <p className="park-county" data-testid="park-county-figures" data-capacity={county.capacitySquareMeters} data-allocated={county.allocatedSquareMeters} data-target={county.targetSquareMeters} data-waiting={summary.waiting.length}>
        全县小微园规划建筑面积 {m2(county.capacitySquareMeters)}，为年度目标 {m2(county.targetSquareMeters)} 的 {rateFormat.format(county.targetRate)}；已分配 {m2(county.allocatedSquareMeters)}，入园 {county.enterpriseCount} 家，待入园 {summary.waiting.length} 家
      </p>
    </section>
  );
}
