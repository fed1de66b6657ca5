/**
 * The selected change patch: its figures and history, and the next workflow step with who and a
 * note. 认定（违法） creates the violation record (shown here once linked).
 */
import { useEffect, useState } from 'react';
import { RECTIFICATION_OUTCOMES, nextPatchSteps, patchStepKey, patchStepLabel, type ChangePatch, type PatchStepTarget, type RectificationOutcome } from '../../domain/change-patches';
import type { ShownPhoto } from './use-evidence-photos';
import { formatArea } from '../../domain/area-units';
import { patchStatusText } from './PatchList';

const INSPECTOR_STORAGE_KEY = 'onemap.inspector';

function rememberedInspector(): string {
  try {
    return localStorage.getItem(INSPECTOR_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}

export interface PatchPanelProps {
  patch: ChangePatch;
  names: { township: string; village: string; before: string; after: string; violationCode: string | null };
  onApply(target: PatchStepTarget, by: string, note: string, outcome: RectificationOutcome): Promise<string | null>;
  onClose(): void;
  photos: readonly ShownPhoto[];
  onAddPhotos(files: File[], by: string): Promise<string | null>;
  onRemovePhoto(photoId: string): Promise<string | null>;
  /** Deletes a false detection (offered before 认定 only). */
  onDelete(): Promise<string | null>;
}

export function PatchPanel({ patch, names, onApply, onClose, photos, onAddPhotos, onRemovePhoto, onDelete }: PatchPanelProps) {
  const [outcome, setOutcome] = useState<RectificationOutcome>('已拆除');
  const steps = nextPatchSteps(patch.properties.status, patch.properties.verdict);
  const [stepKey, setStepKey] = useState(steps[0] ? patchStepKey(steps[0]) : '');
  const [inspector, setInspector] = useState(rememberedInspector);
  const [note, setNote] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [applying, setApplying] = useState(false);
  useEffect(() => {
    setStepKey(steps[0] ? patchStepKey(steps[0]) : '');
    setNote('');
    setRefusal(null);
    // Reset the form when another patch is shown or this one moved on, not on every render.
  }, [patch.id, patch.properties.status]);
  const area = formatArea(patch.properties.areaSquareMeters);
  const target = steps.find((step) => patchStepKey(step) === stepKey) ?? null;

  async function apply() {
    if (!target) return;
    setApplying(true);
    try {
      localStorage.setItem(INSPECTOR_STORAGE_KEY, inspector.trim());
    } catch {
      // Private mode: the name is just not remembered.
    }
    const error = await onApply(target, inspector, note, outcome).catch((failure: unknown) => `保存失败：${String(failure)}`);
    setApplying(false);
    setRefusal(error);
    if (!error) setNote('');
  }

  return (
    <aside className="patch-panel" data-testid="patch-panel" aria-label="变化图斑核查">
      <header>
        <div className="feature-kind">变化图斑</div>
        <h2 data-testid="patch-code">{patch.properties.code}</h2>
        <button type="button" className="close" aria-label="关闭" onClick={onClose}>×</button>
      </header>
      <dl>
        <div className="attribute-row"><dt>状态</dt><dd data-testid="patch-status">{patchStatusText(patch)}</dd></div>
        <div className="attribute-row"><dt>面积</dt><dd>{area.squareMeters}（{area.mu}）</dd></div>
        <div className="attribute-row"><dt>置信度</dt><dd>{Math.round(patch.properties.confidence * 100)}%</dd></div>
        <div className="attribute-row"><dt>位置</dt><dd>{names.township || '—'} {names.village}</dd></div>
        <div className="attribute-row"><dt>比对时相</dt><dd>{names.before} → {names.after}</dd></div>
        {names.violationCode && <div className="attribute-row"><dt>违建图斑</dt><dd data-testid="patch-violation-code">{names.violationCode}</dd></div>}
      </dl>
      <section className="patch-photos" aria-label="核查照片">
        <div className="patch-photos-head">
          <strong>核查照片（{photos.length}）</strong>
          <label className="patch-photo-add">添加照片
            <input type="file" accept="image/jpeg,image/png,image/webp" multiple data-testid="patch-photo-input" onChange={(event) => {
              const chosen = Array.from(event.target.files ?? []);
              event.target.value = '';
              if (chosen.length > 0) void onAddPhotos(chosen, inspector).then(setRefusal, (failure: unknown) => setRefusal(`保存失败：${String(failure)}`));
            }} />
          </label>
        </div>
        {photos.length > 0 && (
          <ul className="patch-photo-list" data-testid="patch-photos">
            {photos.map(({ photo, url }) => (
              <li key={photo.id} data-testid="patch-photo" data-photo-id={photo.id}>
                {url ? <a href={url} target="_blank" rel="noreferrer"><img src={url} alt={photo.name} /></a> : <span className="patch-photo-missing">照片不在本机</span>}
                <span className="muted">{photo.by} · {localTime(photo.at)}</span>
                <button type="button" className="link" data-testid="patch-photo-remove" aria-label={`删除照片 ${photo.name}`} onClick={() => void onRemovePhoto(photo.id).then(setRefusal)}>删除</button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <ol className="patch-history" aria-label="核查记录">
        {patch.properties.history.map((step, index) => (
          <li key={index}>
            <strong>{patchStepLabel(step)}</strong> <span className="muted">{localTime(step.at)} · {step.by}</span>
            {step.note && <div className="patch-history-note">{step.note}</div>}
          </li>
        ))}
      </ol>
      {steps.length === 0 ? (
        <p className="muted">已销号，流程结束。</p>
      ) : (
        <form className="patch-step-form" onSubmit={(event) => { event.preventDefault(); void apply(); }}>
          <label>下一步
            <select data-testid="patch-status-next" value={stepKey} onChange={(event) => setStepKey(event.target.value)}>
              {steps.map((step) => <option key={patchStepKey(step)} value={patchStepKey(step)}>{patchStepLabel(step)}</option>)}
            </select>
          </label>
          <label>核查人
            <input data-testid="patch-inspector" value={inspector} maxLength={40} onChange={(event) => setInspector(event.target.value)} placeholder="姓名" />
          </label>
          <label>备注
            <textarea data-testid="patch-note" value={note} maxLength={500} rows={3} onChange={(event) => setNote(event.target.value)} placeholder="外业核查情况、依据等" />
          </label>
          {target?.verdict === '违法' && <p className="hint">认定为违法将同时建立一条“新增”违建图斑，进入台账。</p>}
          {target?.status === '整改中' && names.violationCode && <p className="hint">违建图斑 {names.violationCode} 将同时进入“处置中”。</p>}
          {target?.status === '销号' && names.violationCode && (
            <label>整改结果（违建图斑 {names.violationCode} 随之更新）
              <select data-testid="patch-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value as RectificationOutcome)}>
                {RECTIFICATION_OUTCOMES.map((entry) => <option key={entry} value={entry}>{entry}</option>)}
              </select>
            </label>
          )}
          <button type="submit" className="primary" data-testid="patch-status-apply" disabled={applying || inspector.trim() === ''}>
            {applying ? '正在保存…' : `确认：${target ? patchStepLabel(target) : ''}`}
          </button>
          {(patch.properties.status === '待核查' || patch.properties.status === '已核查') && (
            <button type="button" className="link danger" data-testid="patch-delete" onClick={() => {
              if (window.confirm(`删除误检图斑 ${patch.properties.code} 及其照片？`)) void onDelete().then(setRefusal);
            }}>删除误检图斑</button>
          )}
        </form>
      )}
      {refusal && <p className="panel-error" role="alert" data-testid="patch-refusal">{refusal}</p>}
    </aside>
  );
}
