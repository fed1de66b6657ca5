/**
 * What the zone tools are doing in the workspace, as a pure updater `(session, event) => session`:
 * drawing a new zone, filling in a new zone's attributes, editing a zone's boundary or attributes,
 * drawing a split line, picking the zone to merge with, and — in a zone's 拆后土地利用 plan —
 * drawing a land-use parcel of a chosen class or editing a parcel's boundary. The map and the
 * panels read it; the commands that change records live in `zone-editor.ts` and `land-use-plan*.ts`.
 */
import type { Polygon } from 'geojson';
import type { LandUseCode } from '../domain/land-use';

export type DrawingSession =
  | { tool: 'idle' }
  | { tool: 'drawing' }
  | { tool: 'newZoneForm'; polygon: Polygon }
  | { tool: 'editingGeometry'; zoneId: string }
  | { tool: 'editingAttributes'; zoneId: string }
  | { tool: 'splitting'; zoneId: string }
  | { tool: 'pickingMergePartner'; zoneId: string }
  /** Drawing a new land-use parcel of zone `zoneId` with code `landUseCode` (saved when closed). */
  | { tool: 'drawingParcel'; zoneId: string; landUseCode: LandUseCode }
  | { tool: 'editingParcel'; zoneId: string; parcelId: string };

export type DrawingSessionEvent =
  | { type: 'drawStarted' }
  | { type: 'drawFinished'; polygon: Polygon }
  | { type: 'geometryEditStarted'; zoneId: string }
  | { type: 'attributeEditStarted'; zoneId: string }
  | { type: 'splitStarted'; zoneId: string }
  | { type: 'mergeStarted'; zoneId: string }
  | { type: 'parcelDrawStarted'; zoneId: string; landUseCode: LandUseCode }
  | { type: 'parcelEditStarted'; zoneId: string; parcelId: string }
  /** The current tool is done (form saved, split or merge applied) or cancelled (Esc, cancel button). */
  | { type: 'ended' }
  /** The zones changed: a tool working on a zone that no longer exists ends. */
  | { type: 'zonesChanged'; zoneIds: ReadonlySet<string> }
  /** The land-use parcels changed: editing a parcel that no longer exists ends. */
  | { type: 'parcelsChanged'; parcelIds: ReadonlySet<string> };

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
    case 'parcelDrawStarted':
      return { tool: 'drawingParcel', zoneId: event.zoneId, landUseCode: event.landUseCode };
    case 'parcelEditStarted':
      return { tool: 'editingParcel', zoneId: event.zoneId, parcelId: event.parcelId };
    case 'ended':
      return session.tool === 'idle' ? session : IDLE_SESSION;
    case 'zonesChanged': {
      const zoneId = sessionZoneId(session);
      return zoneId !== null && !event.zoneIds.has(zoneId) ? IDLE_SESSION : session;
    }
    case 'parcelsChanged':
      return session.tool === 'editingParcel' && !event.parcelIds.has(session.parcelId) ? IDLE_SESSION : session;
  }
}

/** The zone the deck.gl zones layer must not draw because the drawing tool shows it. */
export function hiddenZoneIdOf(session: DrawingSession): string | null {
  return session.tool === 'editingGeometry' ? session.zoneId : null;
}

/** Whether the tool draws or edits a land-use parcel. */
export function isParcelTool(session: DrawingSession): boolean {
  return session.tool === 'drawingParcel' || session.tool === 'editingParcel';
}

/** Whether a click on the map selects a feature (not while a click adds a vertex). */
export function mapClickSelects(session: DrawingSession): boolean {
  return session.tool === 'idle' || session.tool === 'editingAttributes' || session.tool === 'pickingMergePartner';
}
