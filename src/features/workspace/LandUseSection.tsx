/**
 * 拆后土地利用 in a zone's feature panel: choose the freed land and the shares of 耕 / 建 / 绿 (and
 * the 建 sub-class), generate the plan, or draw parcels by hand (pick a class, draw on the map);
 * list the parcels to change a class, edit a boundary on the map or delete one; read the summary
 * and checks. Figures come from the `selectZoneLandUse` selector; this only formats them and
 * collects the form.
 */
import { useState } from 'react';
import { formatArea } from '../../domain/area-units';
import {
  CONSTRUCTION_CODES,
  DEFAULT_LAND_USE_CODES,
  FREED_LAND_SOURCE_LABELS,
  LAND_USE_CLASSES,
  LAND_USE_CLASS_LABELS,
  LAND_USE_CODES,
  landUseCodeLabel,
  type ConstructionCode,
  type FreedLandSource,
  type LandUseCode,
  type LandUseParcel,
  type LandUseShare,
} from '../../domain/land-use';
import type { LandUseSummary } from '../../domain/land-use-summary';
import type { ZoneLandUse } from '../../state/land-use-plan';

export interface LandUseSectionProps {
  plan: ZoneLandUse;
  /** The zone's township and the county, for the roll-up line. */
  township: LandUseSummary | null;
  county: LandUseSummary;
  /** Generates the plan; resolves with a refusal reason or null. */
  onGenerate(source: FreedLandSource, shares: LandUseShare[]): Promise<string | null>;
  /** Hand editing of the plan's parcels on the map; without it the section only generates. */
  editing?: ParcelEditing;
}

export interface ParcelEditing {
  /** The zone's parcels, in plan order. */
  parcels: readonly LandUseParcel[];
  /** The class being drawn, while a parcel of this zone is being drawn. */
  drawingCode: LandUseCode | null;
  /** The parcel whose boundary is being edited on the map. */
  editingParcelId: string | null;
  onDraw(landUseCode: LandUseCode, source: FreedLandSource): void;
  onEditGeometry(parcelId: string): void;
  onSetCode(parcelId: string, landUseCode: LandUseCode): void;
  onDelete(parcelId: string): void;
}

const CODES_BY_CLASS = LAND_USE_CLASSES.map((landUseClass) => ({
  landUseClass,
  codes: (Object.keys(LAND_USE_CODES) as LandUseCode[]).filter((code) => LAND_USE_CODES[code].landUseClass === landUseClass),
}));

function CodeOptions() {
  return (
    <>
      {CODES_BY_CLASS.map(({ landUseClass, codes }) => (
        <optgroup key={landUseClass} label={`${landUseClass}：${LAND_USE_CLASS_LABELS[landUseClass]}`}>
          {codes.map((code) => <option key={code} value={code}>{landUseClass} {landUseCodeLabel(code)}</option>)}
        </optgroup>
      ))}
    </>
  );
}

function ParcelTools({ editing, source }: { editing: ParcelEditing; source: FreedLandSource }) {
  const [drawCode, setDrawCode] = useState<LandUseCode>('1001');
  const drawing = editing.drawingCode !== null;
  return (
    <div className="land-use-parcel-tools">
      <div className="land-use-draw">
        <label>
          手绘地块：
          <select data-testid="land-use-draw-code" value={drawCode} disabled={drawing} onChange={(event) => setDrawCode(event.target.value as LandUseCode)}>
            <CodeOptions />
          </select>
        </label>
        <button type="button" data-testid="land-use-draw-parcel" aria-pressed={drawing} className={drawing ? 'active' : undefined} onClick={() => editing.onDraw(drawCode, source)}>
          {drawing ? '取消绘制' : '在地图上绘制'}
        </button>
      </div>
      {editing.parcels.length > 0 && (
        <table className="land-use-parcels" data-testid="land-use-parcels">
          <thead>
            <tr><th>地类</th><th>面积</th><th /></tr>
          </thead>
          <tbody>
            {editing.parcels.map((parcel) => {
              const area = formatArea(parcel.properties.areaSquareMeters);
              const editingThis = editing.editingParcelId === parcel.id;
              return (
                <tr key={parcel.id} data-parcel-id={parcel.id} data-code={parcel.properties.landUseCode} data-area={parcel.properties.areaSquareMeters}>
                  <td>
                    <select data-testid="land-use-parcel-code" aria-label="地块地类" value={parcel.properties.landUseCode} onChange={(event) => editing.onSetCode(parcel.id, event.target.value as LandUseCode)}>
                      <CodeOptions />
                    </select>
                  </td>
                  <td className="land-use-parcel-area">{area.squareMeters}<br /><small>{area.mu}</small></td>
                  <td>
                    <div className="land-use-parcel-actions">
                        <button type="button" data-testid="land-use-parcel-edit" aria-pressed={editingThis} className={editingThis ? 'active' : undefined} onClick={() => editing.onEditGeometry(parcel.id)}>
                        {editingThis ? '结束编辑' : '编辑边界'}
                      </button>
                      <button type="button" data-testid="land-use-parcel-delete" onClick={() => editing.onDelete(parcel.id)}>删除</button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

const percentFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const STATUS_TEXT = { passed: '通过', failed: '未通过', skipped: '未检查' } as const;

function ShareInput({ label, testId, value, onChange }: { label: string; testId: string; value: string; onChange(value: string): void }) {
  return (
    <label className="land-use-share">
      {label}
      <input type="number" min={0} max={100} step={1} data-testid={testId} value={value} onChange={(event) => onChange(event.target.value)} />%
    </label>
  );
}

function farmlandMu(summary: LandUseSummary): string {
  return formatArea(summary.classes.find((figure) => figure.landUseClass === '耕')?.areaSquareMeters ?? 0).mu;
}

export function LandUseSection({ plan, township, county, onGenerate, editing }: LandUseSectionProps) {
  const [source, setSource] = useState<FreedLandSource>(plan.source);
  const [farmland, setFarmland] = useState('40');
  const [construction, setConstruction] = useState('35');
  const [green, setGreen] = useState('25');
  const [constructionCode, setConstructionCode] = useState<ConstructionCode>('1001');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const generate = async () => {
    setBusy(true);
    const shares: LandUseShare[] = [
      { landUseClass: '耕', landUseCode: DEFAULT_LAND_USE_CODES['耕'], sharePercent: Number(farmland) },
      { landUseClass: '建', landUseCode: constructionCode, sharePercent: Number(construction) },
      { landUseClass: '绿', landUseCode: DEFAULT_LAND_USE_CODES['绿'], sharePercent: Number(green) },
    ];
    setRefusal(await onGenerate(source, shares));
    setBusy(false);
  };

  const summary = plan.summary;
  return (
    <section className="land-use-section" data-testid="land-use-section">
      <h3>拆后土地利用</h3>
      <div className="land-use-form">
        <label>
          腾退土地：
          <select data-testid="land-use-source" value={source} onChange={(event) => setSource(event.target.value as FreedLandSource)}>
            {(Object.keys(FREED_LAND_SOURCE_LABELS) as FreedLandSource[]).map((key) => <option key={key} value={key}>{FREED_LAND_SOURCE_LABELS[key]}</option>)}
          </select>
        </label>
        <div className="land-use-shares">
          <ShareInput label="耕" testId="land-use-share-farmland" value={farmland} onChange={setFarmland} />
          <ShareInput label="建" testId="land-use-share-construction" value={construction} onChange={setConstruction} />
          <ShareInput label="绿" testId="land-use-share-green" value={green} onChange={setGreen} />
        </div>
        <label>
          建设用地类型：
          <select data-testid="land-use-construction-code" value={constructionCode} onChange={(event) => setConstructionCode(event.target.value as ConstructionCode)}>
            {CONSTRUCTION_CODES.map((code) => <option key={code} value={code}>{landUseCodeLabel(code)}</option>)}
          </select>
        </label>
        <button type="button" data-testid="land-use-generate" disabled={busy} onClick={() => void generate()}>
          {summary.parcelCount > 0 ? '按比例重新生成' : '按比例生成方案'}
        </button>
        {refusal && <p className="panel-error" role="alert" data-testid="land-use-refusal">{refusal}</p>}
      </div>
      {editing && <ParcelTools editing={editing} source={source} />}
      <table className="land-use-summary" data-testid="land-use-summary" data-parcel-count={summary.parcelCount}>
        <thead>
          <tr><th>地类</th><th>面积</th><th>亩</th><th>占比</th></tr>
        </thead>
        <tbody>
          {summary.classes.map((figure) => (
            <tr key={figure.landUseClass} data-class={figure.landUseClass} data-area={figure.areaSquareMeters} data-share={figure.share}>
              <td>{LAND_USE_CLASS_LABELS[figure.landUseClass]}</td>
              <td>{formatArea(figure.areaSquareMeters).squareMeters}</td>
              <td>{formatArea(figure.areaSquareMeters).mu.replace(' 亩', '')}</td>
              <td>{percentFormat.format(figure.share * 100)}%</td>
            </tr>
          ))}
          <tr data-class="total" data-area={summary.totalSquareMeters}>
            <td>合计（{summary.parcelCount} 块）</td>
            <td>{formatArea(summary.totalSquareMeters).squareMeters}</td>
            <td>{formatArea(summary.totalSquareMeters).mu.replace(' 亩', '')}</td>
            <td>{summary.parcelCount > 0 ? '100.0%' : '—'}</td>
          </tr>
        </tbody>
      </table>
      <p className="land-use-rollup" data-testid="land-use-rollup" data-county-farmland={county.classes.find((figure) => figure.landUseClass === '耕')?.areaSquareMeters ?? 0}>
        垦造耕地：{township ? `${township.name} ${farmlandMu(township)}，` : ''}全县 {farmlandMu(county)}（{county.parcelCount} 块拆后土地利用地块）
      </p>
      {plan.checks.length > 0 && (
        <ul className="land-use-checks" data-testid="land-use-checks">
          {plan.checks.map((check) => (
            <li key={check.id} data-check-id={check.id} data-status={check.status} data-area={check.areaSquareMeters} className={`check-${check.status}`}>
              {STATUS_TEXT[check.status]} · {check.label}：{check.detail}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
