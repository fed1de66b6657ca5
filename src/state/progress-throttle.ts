/**
 * Import progress passed on at most every so often: by the import worker (100,000 features
 * validated would be 100,000 messages) and by the import dialog (each update repaints it and makes
 * the browser present a frame; receiving 100,000 records in slices of 1,000 reported ~60 a second,
 * and on a software GPU presenting those frames — 1.5 s of the GPU process's time while the
 * records moved — competed with the main thread's garbage collections).
 */
import type { ImportProgress, ProgressListener } from './import-session';

/** The shortest time between two progress updates on screen. */
export const SHOWN_PROGRESS_INTERVAL_MS = 250;

/**
 * `listener`, given a new stage and a stage's last step at once and any other step at most every
 * `intervalMs` — the latest one held back is given when the interval is over, so the bar never
 * stays behind.
 */
export function throttleProgress(listener: ProgressListener, intervalMs = SHOWN_PROGRESS_INTERVAL_MS): ProgressListener {
  let shownAt = Number.NEGATIVE_INFINITY;
  let shownStage: ImportProgress['stage'] | null = null;
  let pending: ImportProgress | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const show = (progress: ImportProgress) => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending = null;
    shownAt = performance.now();
    shownStage = progress.stage;
    listener(progress);
  };
  return (progress) => {
    const waited = performance.now() - shownAt;
    if (progress.stage !== shownStage || progress.done >= progress.total || waited >= intervalMs) {
      show(progress);
      return;
    }
    pending = progress;
    timer ??= setTimeout(() => {
      if (pending) show(pending);
    }, intervalMs - waited);
  };
}
