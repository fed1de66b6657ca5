/**
 * What each long main-thread task of a page is made of, from a Chrome trace (exact durations, so
 * it holds on a loaded machine too, where a sampling profile smears time over whatever ran when
 * the sampler woke up): record with `startTrace(session)`, then `printLongTasks(await stop(), …)`.
 */
import path from 'node:path';
import type { CDPSession } from 'playwright-core';

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: {
    name?: string;
    data?: {
      functionName?: string; url?: string; lineNumber?: number; type?: string; startTime?: number;
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
  };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber?: number };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'gpu', 'disabled-by-default-v8.cpu_profiler'];

/** Enough to list every main-thread task (scripts, rendering, garbage collection) with User Timing marks, without JavaScript sampling. */
export const TASK_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

/**
 * Starts tracing the page of `session` (every category {@link printLongTasks} reads, or only
 * `categories`); the returned function stops it and resolves with the events.
 */
export async function startTrace(session: CDPSession, categories: readonly string[] = CATEGORIES): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', ({ value }) => {
    events.push(...(value as unknown as TraceEvent[]));
  });
  await session.send('Tracing.start', { traceConfig: { includedCategories: [...categories] }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise<void>((resolve) => session.once('Tracing.tracingComplete', () => resolve()));
    await session.send('Tracing.end');
    await complete;
    return events;
  };
}

function keyOf(event: TraceEvent): string {
  const data = event.args?.data;
  if (event.name === 'FunctionCall' && data) return `${data.functionName || '(anonymous)'}@${path.basename(data.url ?? '').replace(/-[\w-]{8}\.js$/, '')}:${(data.lineNumber ?? 0) + 1}`;
  if (event.name === 'EventDispatch' && data?.type) return `EventDispatch(${data.type})`;
  return event.name;
}

/** The CPU samples of one thread recorded in the trace: [time (trace µs), node id], and the nodes. */
function samplesOf(events: readonly TraceEvent[], pid: number, tid: number | undefined): { samples: [number, number][]; nodes: Map<number, ProfileNode> } {
  const nodes = new Map<number, ProfileNode>();
  const samples: [number, number][] = [];
  const profile = events.find((event) => event.name === 'Profile' && event.pid === pid && (tid === undefined || event.tid === tid));
  if (!profile) return { samples, nodes };
  let time = profile.args?.data?.startTime ?? profile.ts;
  for (const chunk of events) {
    if (chunk.name !== 'ProfileChunk' || chunk.id !== profile.id || chunk.pid !== pid) continue;
    const data = chunk.args?.data;
    for (const node of data?.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    (data?.cpuProfile?.samples ?? []).forEach((sample, index) => {
      time += data?.timeDeltas?.[index] ?? 0;
      samples.push([time, sample]);
    });
  }
  return { samples, nodes };
}

const frameKey = (frame: ProfileNode['callFrame']) => `${frame.functionName || '(anonymous)'}:${path.basename(frame.url ?? '').replace(/-[\w-]{8}\.js$/, '') || '-'}:${(frame.lineNumber ?? 0) + 1}`;

/**
 * Every task of the page's main thread in the trace, in the page's clock (performance.now() ms):
 * the User Timing mark `mark` was made at page time `markTime`. Unlike PerformanceObserver's
 * 'longtask' entries this includes tasks that run no script — garbage collection (MinorGC) and
 * rendering — which block input all the same.
 */
export function mainThreadTasks(events: readonly TraceEvent[], mark: string, markTime: number): { start: number; duration: number }[] {
  const found = events.find((event) => event.cat.includes('blink.user_timing') && event.name === mark);
  if (!found) return [];
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && event.pid === found.pid);
  return events
    .filter((event) => event.pid === found.pid && (!main || event.tid === main.tid) && event.ph === 'X' && event.name === 'RunTask' && event.dur !== undefined)
    .map((event) => ({ start: markTime + (event.ts - found.ts) / 1000, duration: (event.dur ?? 0) / 1000 }));
}

/**
 * Prints each main-thread task longer than `threshold` ms that started after the User Timing mark
 * `fromMark`: its start (ms after the mark), duration, and the events inside it with the most time
 * (inclusive, merged by name — a FunctionCall by function, file and line).
 */
export function printLongTasks(events: readonly TraceEvent[], fromMark: string, threshold = 100): void {
  const mark = events.find((event) => event.cat.includes('blink.user_timing') && event.name === fromMark);
  if (!mark) {
    console.log(`trace: no mark ${fromMark}`);
    return;
  }
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && event.pid === mark.pid);
  const onMain = events.filter((event) => event.pid === mark.pid && (!main || event.tid === main.tid) && event.ph === 'X' && event.dur !== undefined);
  const profileSamples = samplesOf(events, mark.pid, main?.tid);
  const tasks = onMain.filter((event) => event.name === 'RunTask' && event.ts >= mark.ts && (event.dur ?? 0) > threshold * 1000);
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    const totals = new Map<string, number>();
    for (const event of onMain) {
      if (event === task || event.ts < task.ts || event.ts + (event.dur ?? 0) > end || event.name === 'RunTask') continue;
      const key = keyOf(event);
      totals.set(key, (totals.get(key) ?? 0) + (event.dur ?? 0) / 1000);
    }
    const top = (values: Map<string, number>, count: number) => [...values].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, value]) => `${key} ${value.toFixed(0)}`).join(' | ');
    console.log(`task ${((task.dur ?? 0) / 1000).toFixed(0)} ms @${((task.ts - mark.ts) / 1000).toFixed(0)}: ${top(totals, 18)}`);
    // The JavaScript in it, from the trace's own CPU samples (same clock): functions by inclusive time.
    const functions = new Map<string, number>();
    let previous = task.ts;
    for (const [time, sample] of profileSamples.samples) {
      if (time <= task.ts || time > end) continue;
      const seen = new Set<string>();
      for (let id: number | undefined = sample; id !== undefined; id = profileSamples.nodes.get(id)?.parent) {
        const frame = profileSamples.nodes.get(id)?.callFrame;
        if (!frame || frame.functionName === '(root)' || frame.functionName === '(program)' || frame.functionName === '(idle)') continue;
        const key = frameKey(frame);
        if (seen.has(key)) continue;
        seen.add(key);
        functions.set(key, (functions.get(key) ?? 0) + (time - previous) / 1000);
      }
      previous = time;
    }
    if (functions.size > 0) console.log(`  js: ${top(functions, 24)}`);
  }
}

/**
 * Prints each main-thread garbage collection (MinorGC, MajorGC) of at least `threshold` ms after
 * the mark `fromMark`: when, how long, why (V8's type) and the heap before → after.
 */
export function printGarbageCollections(events: readonly TraceEvent[], fromMark: string, threshold = 15): void {
  const mark = events.find((event) => event.cat.includes('blink.user_timing') && event.name === fromMark);
  if (!mark) return;
  const main = events.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain' && event.pid === mark.pid);
  for (const event of events) {
    if (event.pid !== mark.pid || (main && event.tid !== main.tid) || event.ts < mark.ts || (event.name !== 'MinorGC' && event.name !== 'MajorGC') || (event.dur ?? 0) < threshold * 1000) continue;
    const args = event.args as { type?: string; usedHeapSizeBefore?: number; usedHeapSizeAfter?: number } | undefined;
    const megabytes = (bytes: number | undefined) => (bytes === undefined ? '?' : (bytes / 1e6).toFixed(0));
    console.log(`gc ${event.name} ${((event.dur ?? 0) / 1000).toFixed(0)} ms @${((event.ts - mark.ts) / 1000).toFixed(0)}: ${args?.type ?? ''}, heap ${megabytes(args?.usedHeapSizeBefore)} → ${megabytes(args?.usedHeapSizeAfter)} MB; other threads busy: ${busyThreads(events, event)}`);
  }
}

/** The threads (of any process) busiest during `window`, with their busy ms in it: what a GC's helpers compete with. */
function busyThreads(events: readonly TraceEvent[], window: TraceEvent): string {
  const start = window.ts;
  const end = window.ts + (window.dur ?? 0);
  const names = new Map<string, string>();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') names.set(`${event.pid}:${event.tid}`, event.args?.name ?? '?');
  const busy = new Map<string, number>();
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined || (event.pid === window.pid && event.tid === window.tid)) continue;
    if (event.name !== 'ThreadControllerImpl::RunTask' && event.name !== 'RunTask' && event.name !== 'ThreadPool_RunTask' && !/^V8\.GC_.*BACKGROUND/.test(event.name)) continue;
    const overlap = Math.min(end, event.ts + event.dur) - Math.max(start, event.ts);
    if (overlap <= 0) continue;
    const key = `${names.get(`${event.pid}:${event.tid}`) ?? event.tid}`;
    busy.set(key, (busy.get(key) ?? 0) + overlap / 1000);
  }
  return [...busy].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ');
}
