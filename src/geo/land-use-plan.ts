/**
 * A land-use plan by shares: the freed land split into one parcel per class share (see
 * `splitLandByShares`), each with its ellipsoidal area and its target area.
 */
import type { MultiPolygon, Polygon } from 'geojson';
import type { LandUseClass, LandUseCode, LandUseShare } from '../domain/land-use';
import { ellipsoidalAreaSquareMeters } from './ellipsoidal-area';
import { splitLandByShares } from './land-use-split';

export interface PlannedParcel {
  landUseClass: LandUseClass;
  landUseCode: LandUseCode;
  geometry: Polygon | MultiPolygon;
  /** Ellipsoidal area, m². */
  areaSquareMeters: number;
  /** Share × freed land area, m². */
  targetSquareMeters: number;
}

/** Parcels for the positive shares (percent, adding up to 100), in the order given. */
export function planParcelsByShares(land: Polygon | MultiPolygon, shares: readonly LandUseShare[]): PlannedParcel[] {
  const positive = shares.filter((share) => share.sharePercent > 0);
  const total = positive.reduce((sum, share) => sum + share.sharePercent, 0);
  const split = splitLandByShares(land, positive.map((share) => share.sharePercent / total));
  return positive.flatMap((share, index) => {
    const geometry = split.parts[index];
    if (!geometry) return [];
    return [{
      landUseClass: share.landUseClass,
      landUseCode: share.landUseCode,
      geometry,
      areaSquareMeters: ellipsoidalAreaSquareMeters(geometry),
      targetSquareMeters: (split.landAreaSquareMeters * share.sharePercent) / total,
    }];
  });
}
