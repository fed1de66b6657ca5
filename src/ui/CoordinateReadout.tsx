/** The longitude/latitude under the pointer, in degrees (CGCS2000). */
export interface PointerPosition {
  longitude: number;
  latitude: number;
}

export function CoordinateReadout({ position }: { position: PointerPosition | null }) {
  return (
    <div className="coordinate-readout" data-testid="coordinate-readout">
      {position
        ? `经度 ${position.longitude.toFixed(6)}°  纬度 ${position.latitude.toFixed(6)}°`
        : '经纬度：将鼠标移到地图上'}
    </div>
  );
}
