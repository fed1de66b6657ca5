import { describe, expect, it } from 'vitest';
import type { Polygon } from 'geojson';
import { hiddenZoneIdOf, IDLE_SESSION, isParcelTool, mapClickSelects, updateDrawingSession } from './drawing-session';

function createPolygon(): Polygon {
  return { type: 'Polygon', coordinates: [[[120.4, 27.5], [120.401, 27.5], [120.401, 27.501], [120.4, 27.5]]] };
}

describe('updateDrawingSession', () => {
  it('goes from drawing to the attribute form, and back to idle when the form ends', () => {
    let session = updateDrawingSession(IDLE_SESSION, { type: 'drawStarted' });
    expect(mapClickSelects(session)).toBe(false);
    session = updateDrawingSession(session, { type: 'drawFinished', polygon: createPolygon() });
    expect(session).toEqual({ tool: 'newZoneForm', polygon: createPolygon() });
    expect(updateDrawingSession(session, { type: 'ended' })).toEqual(IDLE_SESSION);
  });

  it('ignores a finished drawing when not drawing', () => {
    expect(updateDrawingSession(IDLE_SESSION, { type: 'drawFinished', polygon: createPolygon() })).toBe(IDLE_SESSION);
  });

  it('hides the zone whose boundary is being edited', () => {
    const session = updateDrawingSession(IDLE_SESSION, { type: 'geometryEditStarted', zoneId: 'zone-1' });
    expect(hiddenZoneIdOf(session)).toBe('zone-1');
    expect(hiddenZoneIdOf(updateDrawingSession(session, { type: 'splitStarted', zoneId: 'zone-1' }))).toBeNull();
  });

  it('ends a tool whose zone disappeared (e.g. undo of its creation)', () => {
    const session = updateDrawingSession(IDLE_SESSION, { type: 'mergeStarted', zoneId: 'zone-1' });
    expect(mapClickSelects(session)).toBe(true);
    expect(updateDrawingSession(session, { type: 'zonesChanged', zoneIds: new Set(['zone-1']) })).toBe(session);
    expect(updateDrawingSession(session, { type: 'zonesChanged', zoneIds: new Set(['zone-2']) })).toEqual(IDLE_SESSION);
  });
});

describe('the land-use parcel tools', () => {
  it('draw a parcel of a zone with a class, without selecting on click, and end when the zone goes', () => {
    const session = updateDrawingSession(IDLE_SESSION, { type: 'parcelDrawStarted', zoneId: 'zone-1', landUseCode: '1001' });
    expect(session).toEqual({ tool: 'drawingParcel', zoneId: 'zone-1', landUseCode: '1001' });
    expect(isParcelTool(session)).toBe(true);
    expect(mapClickSelects(session)).toBe(false);
    // A finished polygon is saved as a parcel, not a new zone.
    expect(updateDrawingSession(session, { type: 'drawFinished', polygon: createPolygon() })).toBe(session);
    expect(updateDrawingSession(session, { type: 'zonesChanged', zoneIds: new Set(['zone-2']) })).toEqual(IDLE_SESSION);
  });

  it('edit a parcel until it disappears (undo of its creation, zone deleted)', () => {
    const session = updateDrawingSession(IDLE_SESSION, { type: 'parcelEditStarted', zoneId: 'zone-1', parcelId: 'p1' });
    expect(hiddenZoneIdOf(session)).toBeNull();
    expect(updateDrawingSession(session, { type: 'parcelsChanged', parcelIds: new Set(['p1']) })).toBe(session);
    expect(updateDrawingSession(session, { type: 'parcelsChanged', parcelIds: new Set(['p2']) })).toEqual(IDLE_SESSION);
    expect(updateDrawingSession(IDLE_SESSION, { type: 'parcelsChanged', parcelIds: new Set() })).toBe(IDLE_SESSION);
  });
});
