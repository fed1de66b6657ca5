/**
 * What the zone tools are doing in the workspace, as a pure updater `(session, event) => session`:
 * drawing a new zone, filling in a new zone's attributes, editing a zone's boundary or attributes,
 * drawing a split line, or picking the zone to merge with. The map and the panels read it; the
 * commands that change records live in `zone-editor.ts`.
 */
import type { Polygon } from 'geojson';

export type DrawingSession =
  | { tool: 'idle' }
  | { tool: 'drawing' }
  | { tool: 'newZoneForm'; polygon: Polygon }
  | { tool: 'editingGeometry'; zoneId: string }
  | { tool: 'editingAttributes'; zoneId: string }
  | { tool: 'splitting'; zoneId: string }
  | { tool: 'pickingMergePartner'; zoneId: string };

export type DrawingSessionEvent =
  | { type: 'drawStarted' }
  | { type: 'drawFinished'; polygon: Polygon }
  | { type: 'geometryEditStarted'; zoneId: string }
  | { type: 'attributeEditStarted'; zoneId: string }
  | { type: 'splitStarted'; zoneId: string }
  | { type: 'mergeStarted'; zoneId: string }
  /** The current tool is done (form saved, split or merge applied) or cancelled (Esc, cancel button). */
  | { type: 'ended' }
  /** The zones changed: a tool working on a zone that no longer exists ends. */
  | { type: 'zonesChanged'; zoneIds: ReadonlySet<string> };

export const IDLE_SESSION: DrawingSession = { tool: 'idle' };

/** The zone a tool works on, if any. */
export function sessionZoneId(session: DrawingSession): string | null {
  return 'zoneId' in session ? session.zoneId : null;
}

export function updateDrawingSession(session: DrawingSession, event: DrawingSessionEvent): DrawingSession {
  switch (event.type) {
    case 'drawStarted':
      return { tool: 'drawing' };
    case 'drawFinished':
      return session.tool === 'drawing' ? { tool: 'newZoneForm', polygon: event.polygon } : session;
    case 'geometryEditStarted':
      return { tool: 'editingGeometry', zoneId: event.zoneId };
    case 'attributeEditStarted':
      return { tool: 'editingAttributes', zoneId: event.zoneId };
    case 'splitStarted':
      return { tool: 'splitting', zoneId: event.zoneId };
    case 'mergeStarted':
      return { tool: 'pickingMergePartner', zoneId: event.zoneId };
    case 'ended':
      return session.tool === 'idle' ? session : IDLE_SESSION;
    case 'zonesChanged': {
      const zoneId = sessionZoneId(session);
      return zoneId !== null && !event.zoneIds.has(zoneId) ? IDLE_SESSION : session;
    }
  }
}

/** The zone the deck.gl zones layer must not draw because the drawing tool shows it. */
export function hiddenZoneIdOf(session: DrawingSession): string | null {
  return session.tool === 'editingGeometry' ? session.zoneId : null;
}

/** Whether a click on the map selects a feature (not while a click adds a vertex). */
export function mapClickSelects(session: DrawingSession): boolean {
  return session.tool === 'idle' || session.tool === 'editingAttributes' || session.tool === 'pickingMergePartner';
}
