/**
 * Georeferencing of an image file (a GeoTIFF's tags, a world file): an affine geotransform from
 * pixel-edge coordinates to the coordinates of the image's coordinate system, GDAL's order —
 * X = t[0] + t[1]·column + t[2]·row, Y = t[3] + t[4]·column + t[5]·row, with (0, 0) the outer
 * corner of the top-left pixel. Pure: no I/O.
 */
export type GeoTransform = readonly [originX: number, pixelWidth: number, rowRotation: number, originY: number, columnRotation: number, pixelHeight: number];

/** The coordinate systems an imported image may be in (EPSG codes the app converts). */
export type ImageCoordinateSystemCode = number;

/** EPSG 4326 (WGS84) and 4490 (CGCS2000) geographic, 3857 Web Mercator, CGCS2000 3-degree Gauss-Krüger 4513–4533 (zone in the easting) and 4534–4554 (no zone). */
export function isSupportedImageCoordinateSystem(code: number): boolean {
  return code === 4326 || code === 4490 || code === 3857 || (code >= 4513 && code <= 4554);
}

/** How the UI names a supported system. */
export function imageCoordinateSystemLabel(code: number): string {
  if (code === 4326) return 'WGS84 经纬度（EPSG:4326）';
  if (code === 4490) return 'CGCS2000 经纬度（EPSG:4490）';
  if (code === 3857) return 'Web 墨卡托（EPSG:3857）';
  if (code >= 4513 && code <= 4533) return `CGCS2000 3度带 第${code - 4488}带，带号（EPSG:${code}）`;
  if (code >= 4534 && code <= 4554) return `CGCS2000 3度带 中央经线 ${(code - 4509) * 3}°E（EPSG:${code}）`;
  return `EPSG:${code}`;
}

/** Every supported code, for a select. */
export const SUPPORTED_IMAGE_COORDINATE_SYSTEMS: readonly number[] = [4490, 4326, 3857, ...Array.from({ length: 21 }, (_, index) => 4513 + index), ...Array.from({ length: 21 }, (_, index) => 4534 + index)];

/** The image-system coordinates of a pixel-edge position (column, row). */
export function applyGeoTransform(transform: GeoTransform, column: number, row: number): [number, number] {
  return [transform[0] + transform[1] * column + transform[2] * row, transform[3] + transform[4] * column + transform[5] * row];
}

/** The pixel-edge position of image-system coordinates, or null for a degenerate transform. */
export function invertGeoTransform(transform: GeoTransform): ((x: number, y: number) => [number, number]) | null {
  const [x0, a, b, y0, d, e] = transform;
  const determinant = a * e - b * d;
  if (!Number.isFinite(determinant) || Math.abs(determinant) < 1e-300) return null;
  return (x, y) => {
    const dx = x - x0;
    const dy = y - y0;
    return [(e * dx - b * dy) / determinant, (-d * dx + a * dy) / determinant];
  };
}

/** Whether the transform is north-up (no rotation terms) with rows going south. */
export function isNorthUp(transform: GeoTransform): boolean {
  return transform[2] === 0 && transform[4] === 0 && transform[1] > 0 && transform[5] < 0;
}
