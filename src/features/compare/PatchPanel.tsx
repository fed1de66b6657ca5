/**
 * The selected change patch: its figures and history, and the next workflow step with who and a
 * note. 认定（违法） creates the violation record (shown here once linked).
 */
import { useEffect, useState } from 'react';
import { nextPatchSteps, patchStepKey, patchStepLabel, type ChangePatch, type PatchStepTarget } from '../../domain/change-patches';
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
  onApply(target: PatchStepTarget, by: string, note: string): Promise<string | null>;
  onClose(): void;
}

export function PatchPanel({ patch, names, onApply, onClose }: PatchPanelProps) {
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
    const error = await onApply(target, inspector, note).catch((failure: unknown) => `保存失败：${String(failure)}`);
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
          <button type="submit" className="primary" data-testid="patch-status-apply" disabled={applying || inspector.trim() === ''}>
            {applying ? '正在保存…' : `确认：${target ? patchStepLabel(target) : ''}`}
          </button>
          {refusal && <p className="panel-error" role="alert" data-testid="patch-refusal">{refusal}</p>}
        </form>
      )}
    </aside>
  );
}
