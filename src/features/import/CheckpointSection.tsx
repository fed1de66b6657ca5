/**
 * Checkpoints (还原点) and who edits (操作人): set the name the edit journal records, create a named
 * checkpoint, list the checkpoints (the user's and the automatic ones before an import, a restore or
 * a rollback) and roll back to one after confirming how many records will change.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { Checkpoint } from '../../storage/checkpoints';
import { MAX_CHECKPOINT_NAME_LENGTH, createNamedCheckpoint, previewRollback, rollbackToCheckpoint, type RollbackPreview } from '../../state/checkpoint-commands';
import { MAX_AUTHOR_LENGTH, type ProjectService } from '../../state/project-service';
import './checkpoints.css';

function timeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}

function AuthorSetting({ service }: { service: ProjectService }) {
  const [draft, setDraft] = useState(() => service.author());
  const [saved, setSaved] = useState(false);
  const save = () => {
    void service.setAuthor(draft).then(() => setSaved(true), () => undefined);
    setDraft(service.author());
  };
  return (
    <label className="journal-author">
      操作人：
      <input data-testid="journal-author" value={draft} maxLength={MAX_AUTHOR_LENGTH}
        onChange={(event) => { setDraft(event.target.value); setSaved(false); }}
        onKeyDown={(event) => { if (event.key === 'Enter') save(); }} />
      <button type="button" data-testid="journal-author-save" onClick={save}>保存</button>
      {saved && <span className="backup-ok">已保存，之后的修改记为「{service.author()}」</span>}
    </label>
  );
}

export function CheckpointSection({ service }: { service: ProjectService }) {
  const save = useSyncExternalStore(service.store.subscribe, () => service.store.getState().save);
  const [checkpoints, setCheckpoints] = useState<Checkpoint[] | null>(null);
  const [name, setName] = useState('');
  const [preview, setPreview] = useState<RollbackPreview | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(() => {
    service.listCheckpoints().then(setCheckpoints, (error: unknown) => setMessage({ text: `读取还原点失败：${(error as Error).message}`, error: true }));
  }, [service]);
  // Automatic checkpoints appear with saves (an import, a restore), so the list follows the save status.
  useEffect(refresh, [refresh, save]);

  async function create() {
    setBusy(true);
    const result = await createNamedCheckpoint(service, name);
    if (result.ok) {
      setMessage({ text: `已创建还原点「${name.trim()}」`, error: false });
      setName('');
    } else setMessage({ text: result.reason, error: true });
    setBusy(false);
    refresh();
  }

  async function ask(checkpoint: Checkpoint) {
    setBusy(true);
    setMessage(null);
    const result = await previewRollback(service, checkpoint.id);
    if (result.ok) setPreview(result.value);
    else {
      setPreview(null);
      setMessage({ text: `无法回滚到「${checkpoint.name}」：${result.reason}`, error: true });
    }
    setBusy(false);
  }

  async function confirm() {
    if (!preview) return;
    setBusy(true);
    const result = await rollbackToCheckpoint(service, preview.checkpoint.id);
    setMessage(result.ok
      ? { text: `已回滚到「${preview.checkpoint.name}」，${result.value.changedCount} 条记录已还原；回滚前的数据已存为还原点`, error: false }
      : { text: result.reason, error: true });
    setPreview(null);
    setBusy(false);
    refresh();
  }

  return (
    <div className="checkpoint-section" data-testid="checkpoint-section">
      <h3>编辑日志与还原点</h3>
      <AuthorSetting service={service} />
      <div className="checkpoint-create">
        <input data-testid="checkpoint-name" placeholder="还原点名称，如：周例会前" value={name} maxLength={MAX_CHECKPOINT_NAME_LENGTH}
          onChange={(event) => setName(event.target.value)} onKeyDown={(event) => { if (event.key === 'Enter') void create(); }} />
        <button type="button" data-testid="checkpoint-create" disabled={busy} onClick={() => void create()}>创建还原点</button>
      </div>
      {preview && (
        <div className="backup-confirm" data-testid="checkpoint-preview" data-changes={preview.changedCount} data-mode={preview.mode}>
          <p>
            回滚到「{preview.checkpoint.name}」（{timeText(preview.checkpoint.at)}）将改动 {preview.changedCount} 条记录
            {preview.mode === 'snapshot' ? '（用该还原点保存的整个项目替换当前数据）' : '（撤销其后的每一次修改）'}。回滚前会自动创建还原点。
          </p>
          {preview.changedCount > 0 ? (
            <button type="button" data-testid="checkpoint-rollback-confirm" disabled={busy} onClick={() => void confirm()}>确认回滚</button>
          ) : <p>当前数据与该还原点一致，无需回滚。</p>}
          <button type="button" data-testid="checkpoint-rollback-cancel" onClick={() => setPreview(null)}>{preview.changedCount > 0 ? '取消' : '关闭'}</button>
        </div>
      )}
      {message && <p data-testid="checkpoint-status" className={message.error ? 'panel-error' : 'backup-ok'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {checkpoints && checkpoints.length === 0 && <p className="checkpoint-empty">还没有还原点。导入和恢复备份前会自动创建。</p>}
      {checkpoints && checkpoints.length > 0 && (
        <ol className="checkpoint-list" data-testid="checkpoint-list">
          {checkpoints.map((checkpoint) => (
            <li key={checkpoint.id} data-testid="checkpoint-row" data-checkpoint-id={checkpoint.id} data-name={checkpoint.name}>
              <span className="checkpoint-name">{checkpoint.name}</span>
              {checkpoint.automatic && <span className="checkpoint-tag">自动</span>}
              <span className="checkpoint-meta">{timeText(checkpoint.at)} · {checkpoint.author}</span>
              <button type="button" data-testid="checkpoint-rollback" disabled={busy} onClick={() => void ask(checkpoint)}>回滚到此</button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
