/**
 * The tour's stops (the county overview, then each hotspot) and the caption that names the
 * current one with its figures, plus the colour legend of the hotspot cells.
 */
import { squareMetersToWan } from '../../domain/area-units';
import type { BoundingBox } from '../../geo/bounding-box';
import { HOTSPOT_RAMP, hotspotColor } from '../../map/wall-layers';
import { rgbaToCss } from '../../map/palette';
import type { ProjectRecords } from '../../state/project-state';
import { expandBounds, type HotspotCell } from './hotspots';
import { countText, rateText, wanText } from './wall-figures';

export interface TourStop {
  /** Stable across data updates while the stop is the same place. */
  key: string;
  title: string;
  cell: HotspotCell | null;
  bounds: BoundingBox | null;
}

/** How much of the surroundings a hotspot stop shows around its cell. */
const HOTSPOT_SURROUNDINGS_METERS = 1500;

/** Step 0 shows the whole county; steps 1…n fly to the hotspots (the cell and its surroundings). */
export function tourStops(hotspots: readonly HotspotCell[], records: Pick<ProjectRecords, 'townships' | 'villages'>, countyBounds: BoundingBox | null): TourStop[] {
  const townshipNames = new Map(records.townships.map((township) => [township.id, township.properties.name]));
  const villageNames = new Map(records.villages.map((village) => [village.id, village.properties.name]));
  return [
    { key: `county:${countyBounds?.join(',') ?? ''}`, title: '全县总览', cell: null, bounds: countyBounds },
    ...hotspots.map((cell) => {
      const township = townshipNames.get(cell.townshipId) ?? '';
      const village = villageNames.get(cell.villageId);
      return { key: cell.id, title: `${township}${village ? ` ${village}` : ''}一带`, cell, bounds: expandBounds(cell.bbox, HOTSPOT_SURROUNDINGS_METERS) };
    }),
  ];
}

const STATUS_ORDER = ['发现', '认定', '处置中'] as const;

export function TourCaption({ stop, step, stopCount, remainingAreaSquareMeters }: { stop: TourStop | null; step: number; stopCount: number; remainingAreaSquareMeters: number }) {
  if (!stop) return null;
  const cell = stop.cell;
  const share = cell && remainingAreaSquareMeters > 0 ? cell.remainingAreaSquareMeters / remainingAreaSquareMeters : null;
  return (
    <div className="wall-tour-caption" data-testid="wall-tour-caption" data-step={step} data-stop={stop.key}
      data-value={cell ? String(cell.remainingAreaSquareMeters) : String(remainingAreaSquareMeters)} aria-live="polite">
      <p className="caption-kicker">{cell ? `热点 ${step} / ${stopCount - 1}` : `巡览 · ${stopCount - 1} 个热点`}</p>
      <p className="caption-title">{stop.title}</p>
      {cell ? (
        <>
          <p className="caption-figures">待处置 <b>{countText(cell.remainingCount)}</b> 宗，<b>{wanText(cell.remainingAreaSquareMeters)}</b> 万m²，占全县待处置 {rateText(share)}</p>
          <p className="caption-detail">{STATUS_ORDER.map((status) => `${status} ${countText(cell.countByStatus[status] ?? 0)}`).join(' · ')}</p>
        </>
      ) : (
        <p className="caption-figures">全县待处置 <b>{wanText(remainingAreaSquareMeters)}</b> 万m²，按热点面积依次巡览</p>
      )}
    </div>
  );
}

export function HotspotLegend({ maximumAreaSquareMeters, radiusMeters, closeUp }: { maximumAreaSquareMeters: number; radiusMeters: number; closeUp: boolean }) {
  const gradient = HOTSPOT_RAMP.map((_, index) => rgbaToCss(hotspotColor((index / (HOTSPOT_RAMP.length - 1)) ** 2))).join(', ');
  const maximumWan = squareMetersToWan(maximumAreaSquareMeters);
  return (
    <div className="wall-legend" aria-label="热点图例">
      <p>每格待处置违建面积（半径 {radiusMeters} m）</p>
      <div className="legend-ramp" style={{ background: `linear-gradient(to right, ${gradient})` }} />
      <div className="legend-scale"><span>0</span><span>{maximumWan > 0 ? `${wanText(maximumAreaSquareMeters)} 万m²` : '—'}</span></div>
      {closeUp && <p className="legend-footprint"><i className="footprint-swatch" />待处置违建图斑</p>}
    </div>
  );
}
