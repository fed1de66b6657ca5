/**
 * The wall screen (#/wall, 大屏): a full-screen dark command view for leaders — a hotspot map of
 * remaining violation area with an automatic tour, KPI tiles, the township ranking and the weekly
 * trend. It subscribes to the project store, so every store update (an edit here or one synced
 * from another tab) re-renders the figures and the hotspot layer without recreating the map.
 * Opening it never writes project data; only changing the tour interval writes localStorage.
 */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { milestonePassed } from '../../domain/milestones';
import { isDisposed } from '../../domain/violation-status';
import { boundingBoxOf } from '../../geo/bounding-box';
import type { BaseMapData } from '../../map/map-controller';
import type { WallBoundaries } from '../../map/wall-map-controller';
import type { ProjectService } from '../../state/project-service';
import { isoDateOf } from '../../state/violation-commands';
import { KpiTile } from '../../ui/KpiTile';
import { RankingBars } from '../../ui/RankingBars';
import { TrendChart } from '../../ui/TrendChart';
import { useViewportHeight } from '../../ui/use-viewport-height';
import { binRemainingViolations, pickHotspots } from './hotspots';
import { HotspotLegend, TourCaption, tourStops } from './TourCaption';
import { TourControls } from './TourControls';
import { useFarmland } from './use-farmland';
import { useTourStep } from './use-tour';
import { useWallMap } from './use-wall-map';
import { computeWallFigures, wanText } from './wall-figures';
import { browserStorage, readTourInterval, writeTourInterval } from './tour-settings';
import './wall.css';

/** Hexagon size of the hotspot grid (centre to corner) and the tour's stops. */
const CELL_RADIUS_METERS = 500;
const TOUR_HOTSPOTS = 6;
const HOTSPOT_SPACING_METERS = 2500;

export interface WallViewProps {
  service: ProjectService;
  baseMap: BaseMapData | null;
  onMapReady(map: MapLibreMap): void;
}

export function WallView({ service, baseMap, onMapReady }: WallViewProps) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const { records } = state;
  const isoDate = isoDateOf(service.now());
  const farmland = useFarmland(service, records);
  const viewportHeight = useViewportHeight();
  const scale = Math.min(3, Math.max(0.75, viewportHeight / 1080));

  const figures = useMemo(() => (farmland ? computeWallFigures(records, isoDate, farmland) : null), [records, isoDate, farmland]);
  const countyBounds = useMemo(() => boundingBoxOf(records.townships), [records.townships]);
  const referenceLatitude = countyBounds ? Math.round((countyBounds[1] + countyBounds[3]) / 2) : 0;
  const cells = useMemo(
    () => binRemainingViolations(records.violations, { radiusMeters: CELL_RADIUS_METERS, referenceLatitude }),
    [records.violations, referenceLatitude],
  );
  const remainingViolations = useMemo(() => records.violations.filter((violation) => !isDisposed(violation.properties.status)), [records.violations]);
  const hotspots = useMemo(() => pickHotspots(cells, TOUR_HOTSPOTS, HOTSPOT_SPACING_METERS), [cells]);
  const { townships, villages } = records;
  const stops = useMemo(() => tourStops(hotspots, { townships, villages }, countyBounds), [hotspots, townships, villages, countyBounds]);

  const [intervalSeconds, setIntervalSeconds] = useState(() => readTourInterval(browserStorage()));
  const [running, setRunning] = useState(true);
  const step = useTourStep(stops.length, intervalSeconds, running);
  const stop = stops[step] ?? null;

  const loaded = state.phase !== 'loading' && figures !== null;
  const boundaries = useMemo<WallBoundaries | null>(
    () => (loaded ? { townships: records.townships, villages: records.villages, baseMap } : null),
    [loaded, records.townships, records.villages, baseMap],
  );
  const layers = useMemo(
    () => (loaded ? {
      cells, maximumAreaSquareMeters: cells[0]?.remainingAreaSquareMeters ?? 0, highlighted: stop?.cell ?? null,
      remainingViolations, closeUp: stop?.cell !== null && stop?.cell !== undefined, scale,
    } : null),
    [loaded, cells, stop, remainingViolations, scale],
  );
  const { containerRef, controller, contextLost } = useWallMap({ boundaries, layers, scale, onFirstRender: onMapReady });

  // The camera follows the tour: the county at step 0, then each hotspot.
  const stopKey = stop ? `${step}:${stop.key}` : '';
  useEffect(() => {
    if (!controller || !stop?.bounds) return;
    const first = !controller.map.loaded();
    controller.showBounds(stop.bounds, {
      paddingPixels: 40 * scale,
      durationMilliseconds: first ? 0 : Math.min(2500, intervalSeconds * 400),
      maxZoom: 13.8,
    });
    // Keyed on the stop, not its object: a store update that leaves the stop in place must not
    // restart the flight.
  }, [controller, stopKey]);

  const due = milestonePassed(isoDate);
  return (
    <div className="wall" data-testid="wall" data-phase={state.phase}>
      <header className="wall-header">
        <h2>拆违攻坚 · 指挥大屏</h2>
        <span className="wall-date">数据截至 {isoDate}</span>
        <TourControls intervalSeconds={intervalSeconds} running={running}
          onInterval={(seconds) => { setIntervalSeconds(seconds); writeTourInterval(browserStorage(), seconds); }}
          onToggle={() => setRunning((current) => !current)} />
      </header>
      {state.phase === 'failed' && (
        <p className="wall-error" role="alert">数据读取失败：{state.loadFailure?.message ?? '未知原因'}</p>
      )}
      <section className="wall-kpis" aria-label="核心指标">
        {figures?.kpis.map((kpi) => (
          <KpiTile key={kpi.name} testId={`wall-kpi-${kpi.name}`} label={kpi.label} text={kpi.text} unit={kpi.unit} value={kpi.value}
            details={kpi.details} tone={kpi.tone} progress={kpi.progress} data={kpi.data} className={`kpi-${kpi.name}`} />
        ))}
      </section>
      <section className={contextLost ? 'wall-map-panel context-lost' : 'wall-map-panel'} aria-label="违建热点图">
        <div className="wall-map" data-testid="wall-map" ref={containerRef} />
        <TourCaption stop={stop} step={step} stopCount={stops.length} remainingAreaSquareMeters={figures?.county.remainingAreaSquareMeters ?? 0} />
        <HotspotLegend maximumAreaSquareMeters={cells[0]?.remainingAreaSquareMeters ?? 0} radiusMeters={CELL_RADIUS_METERS} closeUp={Boolean(stop?.cell)} />
        {contextLost && <p className="wall-context-notice" data-testid="wall-context-notice" role="status">正在恢复显示…</p>}
      </section>
      <section className="wall-side">
        <div className="wall-panel wall-ranking-panel">
          <h3>动态排名 <small>年内拆违完成率</small></h3>
          <RankingBars testId="wall-ranking" milestoneShare={due?.share ?? null} milestoneLabel={due ? `${due.label}节点` : null}
            rows={(figures?.ranking ?? []).map((row) => ({ id: row.townshipId, rank: row.rank, name: row.name, rate: row.completionRate, rateText: row.rateText, changeText: row.changeText, board: row.board }))} />
        </div>
        <div className="wall-panel wall-trend-panel">
          <h3>拆违进度周趋势 <small>全县累计，周通报</small></h3>
          <TrendChart testId="wall-trend"
            series={(figures?.trend ?? []).map((point) => ({ date: point.date, value: point.demolishedSquareMeters / 10000, live: point.live }))}
            reference={(figures?.milestoneLine ?? []).map((vertex) => ({ date: vertex.date, value: vertex.squareMeters / 10000 }))}
            target={figures && figures.targetSquareMeters > 0 ? figures.targetSquareMeters / 10000 : null}
            labels={{ series: '累计拆除', reference: '应完成节点', target: '年度目标', unit: '万m²' }}
            formatValue={(value) => wanText(value * 10000)}
            formatTick={(value) => value.toLocaleString('zh-CN', { maximumFractionDigits: 1 })} />
        </div>
      </section>
      <footer className="wall-footer">
        <span>面积按 CGCS2000 椭球面计算；指标与统计台账同一算法、同一舍入。热点为未处置（发现、认定、处置中）违建面积。</span>
      </footer>
    </div>
  );
}
