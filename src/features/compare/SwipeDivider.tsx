/**
 * The swipe divider over the two stacked maps: drag it (mouse, pen or touch) or use the arrow keys,
 * Home and End. Only the bar takes pointer events, so the maps on either side stay interactive.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { dividerPercentAt, type DividerOrientation } from './compare-modes';

export function SwipeDivider({ orientation, percent, onChange }: { orientation: DividerOrientation; percent: number; onChange(percent: number): void }) {
  const dragging = useRef(false);
  const vertical = orientation === 'vertical';

  function positionOf(event: PointerEvent<HTMLDivElement>): number {
    const stage = event.currentTarget.parentElement?.getBoundingClientRect();
    if (!stage) return percent;
    return vertical ? dividerPercentAt(event.clientX, stage.left, stage.width) : dividerPercentAt(event.clientY, stage.top, stage.height);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? 10 : 2;
    const moves: Record<string, number> = { ArrowLeft: -step, ArrowUp: -step, ArrowRight: step, ArrowDown: step };
    if (event.key in moves) onChange(Math.min(100, Math.max(0, percent + (moves[event.key] as number))));
    else if (event.key === 'Home') onChange(0);
    else if (event.key === 'End') onChange(100);
    else return;
    event.preventDefault();
  }

  return (
    <div
      className={`compare-divider ${orientation}`}
      data-testid="compare-divider"
      data-position={percent.toFixed(1)}
      role="slider"
      tabIndex={0}
      aria-label="卷帘位置"
      aria-orientation={orientation}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(percent)}
      style={vertical ? { left: `${percent}%` } : { top: `${percent}%` }}
      onPointerDown={(event) => {
        dragging.current = true;
        event.currentTarget.setPointerCapture(event.pointerId);
        event.preventDefault();
      }}
      onPointerMove={(event) => {
        if (dragging.current) onChange(positionOf(event));
      }}
      onPointerUp={(event) => {
        dragging.current = false;
        event.currentTarget.releasePointerCapture(event.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
      onKeyDown={onKeyDown}
    >
      <span className="compare-divider-handle" aria-hidden="true">{vertical ? '⇔' : '⇕'}</span>
    </div>
  );
}
