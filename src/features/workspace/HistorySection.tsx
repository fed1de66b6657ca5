/**
 * The edit history of the selected violation or zone in its feature panel: who changed it, when,
 * with which action, and each changed attribute before → after, newest first. Text only.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ModelledKind } from '../../domain/records';
import type { JournalEntry } from '../../storage/journal';
import { describeJournalEntry } from '../../state/journal-diff';
import type { ProjectService } from '../../state/project-service';
import './history.css';

/** Entries shown at most; older ones are counted. */
const SHOWN_ENTRIES = 50;

function timeText(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}

function HistoryEntry({ entry }: { entry: JournalEntry }) {
  const description = describeJournalEntry(entry);
  return (
    <li className="history-entry" data-testid="history-entry" data-seq={entry.seq} data-action={entry.action}>
      <div className="history-head">
        <time dateTime={entry.at}>{timeText(entry.at)}</time>
        <span className="history-author">{entry.author}</span>
        <span className="history-action">{entry.action}</span>
      </div>
      {description.lifecycle ? (
        <p className="history-lifecycle">{description.lifecycle}</p>
      ) : (
        <ul className="history-changes">
          {description.changes.map((change) => (
            <li key={change.label} data-testid="history-change" data-label={change.label} data-before={change.before} data-after={change.after}>
              <span className="history-label">{change.label}</span>：{change.before} → {change.after}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function HistorySection({ service, kind, recordId }: { service: ProjectService; kind: ModelledKind; recordId: string }) {
  const state = useSyncExternalStore(service.store.subscribe, service.store.getState);
  const record = (state.records[kind] as readonly { id: string }[]).find((candidate) => candidate.id === recordId);
  const [entries, setEntries] = useState<JournalEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Read again whenever the record changes here or in another tab (the read waits for queued saves).
  useEffect(() => {
    let current = true;
    service.readRecordHistory(kind, recordId).then(
      (list) => { if (current) { setEntries(list); setError(null); } },
      (failure: unknown) => { if (current) setError(`读取修改记录失败：${(failure as Error).message}`); },
    );
    return () => { current = false; };
  }, [service, kind, recordId, record]);

  return (
    <details className="history-section" data-testid="history-section" open>
      <summary>修改记录{entries ? `（${entries.length}）` : ''}</summary>
      {error && <p className="panel-error" role="alert">{error}</p>}
      {entries === null && !error && <p className="history-empty">正在读取…</p>}
      {entries?.length === 0 && <p className="history-empty" data-testid="history-empty">暂无修改记录（批量导入的记录只在导入汇总中记载）</p>}
      {entries && entries.length > 0 && (
        <ol className="history-list">
          {entries.slice(0, SHOWN_ENTRIES).map((entry) => <HistoryEntry key={entry.seq} entry={entry} />)}
        </ol>
      )}
      {entries && entries.length > SHOWN_ENTRIES && <p className="history-more">另有 {entries.length - SHOWN_ENTRIES} 条更早的记录未显示</p>}
    </details>
  );
}
