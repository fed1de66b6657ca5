/**
 * A refused edit's reason shown at the spot: a small message beside the last pointer position and,
 * when the boundary crosses itself, a ring at the crossing. Both ignore the pointer (pointer-events:
 * none), so they never take a click meant for the map canvas. Near the right or bottom edge of the
 * map the message turns to the other side of the pointer so it stays readable.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import type { ScreenPoint } from '../../geo/snap-index';

export interface RefusalMessageProps {
  reason: string;
  /** Where to show the message, map-container px. */
  point: ScreenPoint | null;
  /** The crossing point on screen, map-container px. */
  crossing: ScreenPoint | null;
}

/** Gap between the pointer and the message, px. */
const OFFSET = 14;

export function RefusalMessage({ reason, point, crossing }: RefusalMessageProps) {
  const messageRef = useRef<HTMLDivElement | null>(null);
  const [flip, setFlip] = useState({ left: false, up: false });
  useLayoutEffect(() => {
    const message = messageRef.current;
    const area = message?.parentElement;
    if (!message || !area || !point) return;
    setFlip({
      left: point.x + OFFSET + message.offsetWidth > area.clientWidth,
      up: point.y + OFFSET + message.offsetHeight > area.clientHeight,
    });
  }, [point, reason]);
  const style = point
    ? {
        left: flip.left ? point.x - OFFSET : point.x + OFFSET,
        top: flip.up ? point.y - OFFSET : point.y + OFFSET,
        transform: `translate(${flip.left ? '-100%' : '0'}, ${flip.up ? '-100%' : '0'})`,
      }
    : { left: '50%', top: 120, transform: 'translateX(-50%)' };
  return (
    <>
      {crossing && <div className="edit-refusal-crossing" data-testid="edit-refusal-crossing" style={{ left: crossing.x, top: crossing.y }} />}
      <div ref={messageRef} className="edit-refusal" data-testid="edit-refusal" role="alert" style={style}>
        {reason}
      </div>
    </>
  );
}
