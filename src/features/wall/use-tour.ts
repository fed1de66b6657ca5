/**
 * The automatic tour's clock: advances a step every `intervalSeconds` while running, and stops
 * while the page is hidden (a wall PC with the screen switched off or the tab in the background
 * does no work); it starts a full interval again when the page becomes visible. One timer at a
 * time, cleared on unmount.
 */
import { useEffect, useState } from 'react';

export function useTourStep(stepCount: number, intervalSeconds: number, running: boolean): number {
  const [step, setStep] = useState(0);

  useEffect(() => {
    if (!running || stepCount <= 1) return undefined;
    let timer: number | undefined;
    const clear = () => {
      if (timer !== undefined) window.clearTimeout(timer);
      timer = undefined;
    };
    const schedule = () => {
      clear();
      if (document.hidden) return;
      timer = window.setTimeout(() => {
        timer = undefined;
        setStep((current) => (current + 1) % stepCount);
        schedule();
      }, intervalSeconds * 1000);
    };
    const onVisibilityChange = () => (document.hidden ? clear() : schedule());
    document.addEventListener('visibilitychange', onVisibilityChange);
    schedule();
    return () => {
      clear();
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [stepCount, intervalSeconds, running]);

  return stepCount > 0 ? step % stepCount : 0;
}
