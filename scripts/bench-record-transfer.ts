/**
 * The Node benchmark's row for moving imported records from the import worker to the main thread:
 * the records in slices, each delivered as a structured clone (`v8.serialize`/`v8.deserialize`,
 * the serializer `postMessage` uses) or packed (`packRecords` → the same serializer →
 * `unpackRecords`, with the geometries built or, as the app does, left packed until read), the
 * slices received in tasks of their own, every record kept. Prints the receiving side's time, its
 * minor (scavenge) GCs from a PerformanceObserver and the heap the records hold; never fails.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';
import { packRecords, unpackRecords, type PackableRecord } from '../src/workers/record-packing';

interface Delivery {
  /** Sending side: pack (when packed) and serialize every slice. */
  prepareMilliseconds: number;
  /** Receiving side: deserialize (and unpack) every slice, one task each. */
  receiveMilliseconds: number;
  /** Longest receiving task (one slice). */
  longestSliceMilliseconds: number;
  minorGcs: number[];
  /** Heap used after a full GC with the records received held, minus before. */
  heapMegabytes: number;
}

/** How the slices travel: structured clones, packed with the geometries built, packed with them left packed. */
type Mode = 'cloned' | 'packed' | 'lazy';

const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

async function deliver(records: readonly PackableRecord[], slice: number, mode: Mode): Promise<Delivery> {
  const packed = mode !== 'cloned';
  let started = performance.now();
  const messages: Buffer[] = [];
  for (let start = 0; start < records.length; start += slice) {
    const part = records.slice(start, start + slice);
    messages.push(v8.serialize(packed ? packRecords(part).packed : part));
  }
  const prepareMilliseconds = performance.now() - started;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const minorGcs: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if ((entry as unknown as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minorGcs.push(entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const kept: PackableRecord[] = [];
  let longestSliceMilliseconds = 0;
  started = performance.now();
  for (const message of messages) {
    const sliceStarted = performance.now();
    const value = v8.deserialize(message) as unknown;
    const received = packed ? unpackRecords(value as Parameters<typeof unpackRecords>[0], { lazyGeometry: mode === 'lazy' }) : (value as PackableRecord[]);
    for (const record of received) kept.push(record);
    longestSliceMilliseconds = Math.max(longestSliceMilliseconds, performance.now() - sliceStarted);
    await nextTask();
  }
  const receiveMilliseconds = performance.now() - started;
  // GC entries are delivered after the GC, in a later task.
  await new Promise((resolve) => setTimeout(resolve, 50));
  observer.disconnect();
  if (kept.length !== records.length) throw new Error(`delivered ${kept.length} of ${records.length} records`);
  gc?.();
  const heapMegabytes = gc ? (process.memoryUsage().heapUsed - heapBefore) / 1e6 : Number.NaN;
  return { prepareMilliseconds, receiveMilliseconds, longestSliceMilliseconds, minorGcs, heapMegabytes };
}

const ms = (milliseconds: number) => `${milliseconds.toFixed(0)} ms`;
const summary = (delivery: Delivery) =>
  `${ms(delivery.receiveMilliseconds)} received (longest slice ${ms(delivery.longestSliceMilliseconds)}), minor GC ${delivery.minorGcs.length}× longest ${ms(Math.max(0, ...delivery.minorGcs))} sum ${ms(delivery.minorGcs.reduce((sum, duration) => sum + duration, 0))}; heap held ${delivery.heapMegabytes.toFixed(0)} MB; sent ${ms(delivery.prepareMilliseconds)}`;

/** Prints two rows: packed with the geometries left packed (the app's way), and built; the structured clone as the baseline. */
export async function benchmarkRecordTransfer(records: readonly PackableRecord[], slice: number, row: (measure: string, value: string, baseline?: string) => void): Promise<void> {
  const cloned = await deliver(records, slice, 'cloned');
  const built = await deliver(records, slice, 'packed');
  const lazy = await deliver(records, slice, 'lazy');
  row(`import: move ${records.length} records to the main thread in slices of ${slice}, packed, geometries left packed`, summary(lazy), `structured clone: ${summary(cloned)}`);
  row(`import: the same, packed, geometries built as GeoJSON`, summary(built));
}
