/**
 * Puts a georeferenced raster onto the grid every epoch uses: north-up and linear in longitude and
 * latitude (CGCS2000 degrees) over its bounds. A geographic north-up raster already is one (its
 * pixels are kept). Any other — Gauss-Krüger, Web Mercator, or rotated — is warped: each output
 * pixel takes the source pixel under its centre (nearest neighbour, so colours are kept). The
 * exact inverse mapping (proj4) is evaluated on a control grid every {@link CONTROL_STEP_PIXELS}
 * output pixels and interpolated bilinearly in between, as GDAL's approximate transformer does;
 * the largest interpolation error, measured at the centres of the control cells, is reported.
 * The output keeps the source's ground resolution (up to a pixel budget).
 */
import { applyGeoTransform, invertGeoTransform, isNorthUp, type GeoTransform } from '../domain/epochs-georeference';
import type { BoundingBox } from './bounding-box';
import type { ImageProjection } from './raster-projection';

export const CONTROL_STEP_PIXELS = 16;
/** 40 megapixels of output at most (the resolution is lowered beyond). */
export const DEFAULT_MAXIMUM_WARP_PIXELS = 40_000_000;

export interface GeoreferencedRaster {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  transform: GeoTransform;
}

export interface LonLatRaster {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
  /** [west, south, east, north] in degrees; pixels are linear in longitude and latitude over it. */
  bounds: BoundingBox;
  /** Ground size of one output pixel along the north–south axis. */
  resolutionMetersPerPixel: number;
  /** False when the source's own pixels were kept (geographic and north-up). */
  warped: boolean;
  /** Largest difference, in source pixels, between the interpolated and the exact mapping (0 when not warped). */
  maximumErrorPixels: number;
}

const GRS80 = { a: 6378137, f: 1 / 298.257222101 };

/** Metres per degree of latitude and of longitude at a latitude (GRS80 / CGCS2000 ellipsoid). */
export function metersPerDegree(latitude: number): { latitude: number; longitude: number } {
  const e2 = GRS80.f * (2 - GRS80.f);
  const phi = (latitude * Math.PI) / 180;
  const w = Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  const meridional = (GRS80.a * (1 - e2)) / w ** 3;
  const normal = GRS80.a / w;
  return { latitude: (meridional * Math.PI) / 180, longitude: (normal * Math.cos(phi) * Math.PI) / 180 };
}

/** The lon/lat bounding box of the raster, from points along its four edges. */
function lonLatBounds(raster: GeoreferencedRaster, projection: ImageProjection): BoundingBox {
  const box: BoundingBox = [Infinity, Infinity, -Infinity, -Infinity];
  const samples = 32;
  for (let step = 0; step <= samples; step++) {
    const t = step / samples;
    for (const [column, row] of [[t * raster.width, 0], [t * raster.width, raster.height], [0, t * raster.height], [raster.width, t * raster.height]] as const) {
      const [x, y] = applyGeoTransform(raster.transform, column, row);
      const [longitude, latitude] = projection.toLonLat(x, y);
      box[0] = Math.min(box[0], longitude);
      box[1] = Math.min(box[1], latitude);
      box[2] = Math.max(box[2], longitude);
      box[3] = Math.max(box[3], latitude);
    }
  }
  return box;
}

/** Ground size of a source pixel at the raster's centre (square root of its area), metres. */
function sourcePixelMeters(raster: GeoreferencedRaster, projection: ImageProjection): number {
  const centre = (column: number, row: number) => projection.toLonLat(...applyGeoTransform(raster.transform, column, row));
  const [longitude, latitude] = centre(raster.width / 2, raster.height / 2);
  const [longitudeRight, latitudeRight] = centre(raster.width / 2 + 1, raster.height / 2);
  const [longitudeDown, latitudeDown] = centre(raster.width / 2, raster.height / 2 + 1);
  const scale = metersPerDegree(latitude);
  const ax = (longitudeRight - longitude) * scale.longitude;
  const ay = (latitudeRight - latitude) * scale.latitude;
  const bx = (longitudeDown - longitude) * scale.longitude;
  const by = (latitudeDown - latitude) * scale.latitude;
  return Math.sqrt(Math.abs(ax * by - ay * bx));
}

/**
 * The raster on a lon/lat grid, or null when its transform cannot be inverted. Pixels outside the
 * source are transparent.
 */
export function warpToLonLat(raster: GeoreferencedRaster, projection: ImageProjection, maximumPixels = DEFAULT_MAXIMUM_WARP_PIXELS): LonLatRaster | null {
  const toPixel = invertGeoTransform(raster.transform);
  if (!toPixel) return null;
  const bounds = lonLatBounds(raster, projection);
  const scale = metersPerDegree((bounds[1] + bounds[3]) / 2);
  if (projection.geographic && isNorthUp(raster.transform)) {
    return { width: raster.width, height: raster.height, rgba: raster.rgba, bounds, resolutionMetersPerPixel: ((bounds[3] - bounds[1]) * scale.latitude) / raster.height, warped: false, maximumErrorPixels: 0 };
  }
  let pixelMeters = sourcePixelMeters(raster, projection);
  const spanMeters = [(bounds[2] - bounds[0]) * scale.longitude, (bounds[3] - bounds[1]) * scale.latitude] as const;
  if ((spanMeters[0] / pixelMeters) * (spanMeters[1] / pixelMeters) > maximumPixels) pixelMeters = Math.sqrt((spanMeters[0] * spanMeters[1]) / maximumPixels);
  const width = Math.max(1, Math.round(spanMeters[0] / pixelMeters));
  const height = Math.max(1, Math.round(spanMeters[1] / pixelMeters));
  const sourceOf = (column: number, row: number): [number, number] => {
    const longitude = bounds[0] + (column / width) * (bounds[2] - bounds[0]);
    const latitude = bounds[3] - (row / height) * (bounds[3] - bounds[1]);
    return toPixel(...projection.fromLonLat(longitude, latitude));
  };
  const step = CONTROL_STEP_PIXELS;
  const nodesX = Math.ceil(width / step) + 1;
  const nodesY = Math.ceil(height / step) + 1;
  const control = new Float64Array(nodesX * nodesY * 2);
  for (let nodeY = 0; nodeY < nodesY; nodeY++) {
    for (let nodeX = 0; nodeX < nodesX; nodeX++) {
      const [column, row] = sourceOf(nodeX * step, nodeY * step);
      control[(nodeY * nodesX + nodeX) * 2] = column;
      control[(nodeY * nodesX + nodeX) * 2 + 1] = row;
    }
  }
  const interpolate = (column: number, row: number): [number, number] => {
    const nodeX = Math.min(nodesX - 2, Math.floor(column / step));
    const nodeY = Math.min(nodesY - 2, Math.floor(row / step));
    const tx = column / step - nodeX;
    const ty = row / step - nodeY;
    const at = (x: number, y: number, axis: number) => control[((nodeY + y) * nodesX + nodeX + x) * 2 + axis]!;
    const mix = (axis: number) => (at(0, 0, axis) * (1 - tx) + at(1, 0, axis) * tx) * (1 - ty) + (at(0, 1, axis) * (1 - tx) + at(1, 1, axis) * tx) * ty;
    return [mix(0), mix(1)];
  };
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const [sourceColumn, sourceRow] = interpolate(column + 0.5, row + 0.5);
      const x = Math.floor(sourceColumn);
      const y = Math.floor(sourceRow);
      if (x < 0 || y < 0 || x >= raster.width || y >= raster.height) continue;
      const from = (y * raster.width + x) * 4;
      const to = (row * width + column) * 4;
      rgba[to] = raster.rgba[from]!;
      rgba[to + 1] = raster.rgba[from + 1]!;
      rgba[to + 2] = raster.rgba[from + 2]!;
      rgba[to + 3] = raster.rgba[from + 3]!;
    }
  }
  let maximumErrorPixels = 0;
  for (let nodeY = 0; nodeY < nodesY - 1; nodeY++) {
    for (let nodeX = 0; nodeX < nodesX - 1; nodeX++) {
      const column = (nodeX + 0.5) * step;
      const row = (nodeY + 0.5) * step;
      const exact = sourceOf(column, row);
      const approximate = interpolate(column, row);
      maximumErrorPixels = Math.max(maximumErrorPixels, Math.hypot(exact[0] - approximate[0], exact[1] - approximate[1]));
    }
  }
  return { width, height, rgba, bounds, resolutionMetersPerPixel: ((bounds[3] - bounds[1]) * scale.latitude) / height, warped: true, maximumErrorPixels };
}
