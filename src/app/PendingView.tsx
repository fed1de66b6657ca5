/**
 * The views whose capabilities have not landed yet say so plainly, with the issue that builds
 * them, instead of pretending to work.
 */
import { useEffect } from 'react';
import type { ProjectService } from '../state/project-service';
import type { Route } from './routes';

const PENDING: Record<Exclude<Route, '/' | '/ledger' | '/wall' | '/patrol' | '/timeline'>, { title: string; text: string }> = {
  '/compare': { title: '影像比对', text: '两期影像卷帘比对、变化检测和图斑核查尚未实现（见 issue #7）。' },
};

export function PendingView({ route, service, onReady }: { route: Route; service: ProjectService; onReady(): void }) {
  useEffect(() => {
    void service.opened.then(onReady);
  }, [service, onReady]);
  if (route === '/' || route === '/ledger' || route === '/wall' || route === '/patrol' || route === '/timeline') return null;
  const pending = PENDING[route];
  return (
    <main className="pending-view">
      <h2>{pending.title}</h2>
      <p>{pending.text}</p>
      <p><a href="#/">返回规划一张图</a></p>
    </main>
  );
}
