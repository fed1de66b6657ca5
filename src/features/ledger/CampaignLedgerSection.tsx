/**
 * The ledger's campaign tabs: 无违建创建 (every village's standing — qualified, or how many
 * violations and how much area remain — with the remaining violations of the chosen village and a
 * button to move each one on; the weekly 新增 counts), 黑名单 (owners linked to their violations) and
 * 危旧房 (C/D rectification against the 65 % target per township, D级 not vacated).
 */
import { useMemo, useState } from 'react';
import { formatArea } from '../../domain/area-units';
import { isDangerAlarm } from '../../domain/dangerous-buildings';
import { nextViolationStatuses } from '../../domain/violation-status';
import { blacklistRows, dangerousBuildingRows, newViolationKpi, remainingViolationsOf, townshipNoViolationRows, villageNoViolationRows } from '../../state/campaign-tables';
import type { ProjectService } from '../../state/project-service';
import type { ProjectRecords } from '../../state/project-state';
import { advanceViolationStatus } from '../../state/violation-commands';
import { WeeklyCountBars } from '../../ui/WeeklyCountBars';
import './campaign-ledger.css';

export const CAMPAIGN_TABS = [
  { id: 'noViolation', label: '无违建创建' },
  { id: 'blacklist', label: '黑名单' },
  { id: 'dangerousBuildings', label: '危旧房' },
] as const;
export type CampaignTabId = (typeof CAMPAIGN_TABS)[number]['id'];

const area = (squareMeters: number) => `${formatArea(squareMeters).squareMeters}`;

interface SectionProps {
  tab: CampaignTabId;
  service: ProjectService;
  records: ProjectRecords;
  today: string;
  /** Select a violation and show it on the ledger map. */
  onShowViolation(violationId: string): void;
  /** Select a 危旧房 and show it on the ledger map. */
  onShowDangerousBuilding(buildingId: string): void;
}

function NoViolationTab({ service, records, today, onShowViolation }: Omit<SectionProps, 'tab' | 'onShowDangerousBuilding'>) {
  const [villageId, setVillageId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const villages = useMemo(() => villageNoViolationRows(records), [records]);
  const townships = useMemo(() => townshipNoViolationRows(records), [records]);
  const kpi = useMemo(() => newViolationKpi(records, today), [records, today]);
  const remaining = useMemo(() => (villageId ? remainingViolationsOf(records, villageId) : []), [records, villageId]);
  const qualified = villages.filter((row) => row.qualified).length;
  const village = villages.find((row) => row.id === villageId);

  return (
    <div className="campaign-ledger">
      <div className="campaign-ledger-summary">
        <p data-testid="no-violation-summary" data-qualified={qualified} data-total={villages.length}>
          无违建村 <strong>{qualified}</strong> / {villages.length} 个；乡镇：{townships.map((row) => `${row.name}${row.qualified ? '（已达标）' : ` 剩 ${row.remainingCount} 处`}`).join('、')}
        </p>
        <WeeklyCountBars testId="new-violation-weeks" weeks={kpi.weeks} caption={`新增违建零增长：本周 ${kpi.trend.thisWeek} 处，上周 ${kpi.trend.lastWeek} 处`} />
      </div>
      <p className="ledger-note">处置到位：已拆除、已整改或销号；分类处置为“完善手续”“保留临时使用”的存量违建经认定后即计为处置到位。</p>
      <div className="campaign-ledger-body">
        <div className="campaign-ledger-scroll">
          <table className="campaign-ledger-table" data-testid="ledger-table-noViolation">
            <thead><tr><th>村（社区）</th><th>乡镇</th><th>状态</th><th>图斑数</th><th>已处置</th><th>距达标：剩余处数</th><th>剩余面积</th></tr></thead>
            <tbody>
              {villages.map((row) => (
                <tr key={row.id} data-testid="no-violation-row" data-row-id={row.id} data-qualified={row.qualified ? 'true' : 'false'} data-remaining={row.remainingCount}
                  className={row.id === villageId ? 'selected' : ''} onClick={() => { setVillageId(row.id); setError(null); }}>
                  <td>{row.name}</td><td>{row.townshipName}</td><td className={row.qualified ? 'qualified' : ''}>{row.qualified ? '无违建' : '未达标'}</td>
                  <td>{row.violationCount}</td><td>{row.settledCount}</td><td>{row.remainingCount}</td><td>{area(row.remainingAreaSquareMeters)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {village && (
          <aside className="campaign-ledger-detail" data-testid="no-violation-detail">
            <h3>{village.name}：{village.qualified ? '已达到无违建标准' : `还需处置 ${village.remainingCount} 处`}</h3>
            {error && <p className="panel-error" role="alert">{error}</p>}
            <ul>
              {remaining.map((violation) => {
                const next = nextViolationStatuses(violation.properties.status)[0];
                return (
                  <li key={violation.id}>
                    <button type="button" className="link" onClick={() => onShowViolation(violation.id)}>{violation.properties.code}</button>
                    {' '}{violation.properties.status} · {violation.properties.disposalClass ?? violation.properties.origin} · {area(violation.properties.areaSquareMeters)}
                    {next && (
                      <button type="button" data-testid="no-violation-advance" data-violation-id={violation.id}
                        onClick={() => void advanceViolationStatus(service, violation.id, next).then(setError)}>推进到“{next}”</button>
                    )}
                  </li>
                );
              })}
            </ul>
          </aside>
        )}
      </div>
    </div>
  );
}

function BlacklistTab({ records, onShowViolation }: Pick<SectionProps, 'records' | 'onShowViolation'>) {
  const rows = useMemo(() => blacklistRows(records), [records]);
  return (
    <div className="campaign-ledger-scroll">
      <table className="campaign-ledger-table" data-testid="ledger-table-blacklist">
        <thead><tr><th>当事人</th><th>证件号（脱敏）</th><th>列入原因</th><th>列入日期</th><th>违建面积</th><th>关联违建图斑</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-testid="blacklist-row" data-row-id={row.id}>
              <td>{row.ownerName}</td><td>{row.idNumberMasked}</td><td>{row.reason}</td><td>{row.listedOn}</td><td>{area(row.totalAreaSquareMeters)}</td>
              <td>{row.violations.map((violation) => (
                <button key={violation.id} type="button" className="link" data-testid="blacklist-violation" data-violation-id={violation.id}
                  title={`${violation.properties.status}，${violation.properties.origin}`} onClick={() => onShowViolation(violation.id)}>{violation.properties.code}</button>
              ))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function DangerousBuildingTab({ records, today, onShowDangerousBuilding }: Pick<SectionProps, 'records' | 'today' | 'onShowDangerousBuilding'>) {
  const rows = useMemo(() => dangerousBuildingRows(records, today), [records, today]);
  const alarms = useMemo(() => records.dangerousBuildings.filter((building) => isDangerAlarm(building.properties)), [records.dangerousBuildings]);
  const county = rows.at(-1);
  const villageNames = useMemo(() => new Map(records.villages.map((village) => [village.id, village.properties.name])), [records.villages]);
  return (
    <div className="campaign-ledger">
      {county && (
        <p data-testid="dangerous-summary" data-share={county.share} data-target={county.targetShare} data-alarms={county.alarmCount}>
          C/D级危旧房 {county.dueCount} 幢，已整治 {county.rectifiedCount} 幢（{percent(county.share)}），年度目标 {percent(county.targetShare)}
          {county.shortfall > 0 ? `，还差 ${county.shortfall} 幢` : '，已达标'}；D级未腾空 <strong>{county.alarmCount}</strong> 幢（须立即落实“五个一律”）。
        </p>
      )}
      <div className="campaign-ledger-scroll">
        <table className="campaign-ledger-table" data-testid="ledger-table-dangerousBuildings">
          <thead><tr><th>乡镇</th><th>C/D级（幢）</th><th>已整治</th><th>整治率</th><th>距 65% 目标</th><th>D级未腾空</th></tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-row-id={row.id}>
                <td>{row.name}</td><td>{row.dueCount}</td><td>{row.rectifiedCount}</td><td>{percent(row.share)}</td><td>{row.shortfall > 0 ? `差 ${row.shortfall} 幢` : '已达标'}</td><td>{row.alarmCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h3>D级未腾空（告警）</h3>
        <ul data-testid="dangerous-alarms">
          {alarms.map((building) => (
            <li key={building.id}>
              <button type="button" className="link" onClick={() => onShowDangerousBuilding(building.id)}>{building.properties.address}</button>
              {' '}{villageNames.get(building.properties.villageId) ?? ''} · {building.properties.households} 户 · 鉴定于 {building.properties.inspectedOn}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function CampaignLedgerSection(props: SectionProps) {
  if (props.tab === 'noViolation') return <NoViolationTab {...props} />;
  if (props.tab === 'dangerousBuildings') return <DangerousBuildingTab records={props.records} today={props.today} onShowDangerousBuilding={props.onShowDangerousBuilding} />;
  return <BlacklistTab records={props.records} onShowViolation={props.onShowViolation} />;
}
