/** The tour's settings on the wall: interval in seconds and pause / resume. */
import { useEffect, useState } from 'react';
import { MAXIMUM_TOUR_INTERVAL_SECONDS, MINIMUM_TOUR_INTERVAL_SECONDS, parseTourInterval } from './tour-settings';

export interface TourControlsProps {
  intervalSeconds: number;
  running: boolean;
  onInterval(seconds: number): void;
  onToggle(): void;
}

export function TourControls({ intervalSeconds, running, onInterval, onToggle }: TourControlsProps) {
  // The field keeps what is typed; a valid number is applied at once, anything else on blur reverts.
  const [draft, setDraft] = useState(String(intervalSeconds));
  useEffect(() => setDraft(String(intervalSeconds)), [intervalSeconds]);
  const apply = (text: string) => {
    const seconds = parseTourInterval(text);
    if (seconds !== null && seconds !== intervalSeconds) onInterval(seconds);
    return seconds;
  };
  const applyIfInRange = (text: string) => {
    const typed = Number(text);
    if (Number.isInteger(typed) && typed >= MINIMUM_TOUR_INTERVAL_SECONDS && typed <= MAXIMUM_TOUR_INTERVAL_SECONDS) apply(text);
  };
  return (
    <div className="wall-tour-controls">
      <label>
        自动巡览间隔
        <input type="number" data-testid="wall-tour-interval" min={MINIMUM_TOUR_INTERVAL_SECONDS} max={MAXIMUM_TOUR_INTERVAL_SECONDS} step={1}
          value={draft} onChange={(event) => { setDraft(event.target.value); applyIfInRange(event.target.value); }}
          onBlur={() => setDraft(String(apply(draft) ?? intervalSeconds))} />
        秒
      </label>
      <button type="button" data-testid="wall-tour-toggle" aria-pressed={!running} onClick={onToggle}>{running ? '暂停巡览' : '继续巡览'}</button>
    </div>
  );
}
