/**
 * Area units of the field. All areas are carried in square metres; these convert for display.
 * 1 亩 = 10000/15 m² (exactly), 1 公顷 = 10,000 m² = 15 亩, 1 万m² = 10,000 m².
 */
export const SQUARE_METERS_PER_MU = 10000 / 15;
export const SQUARE_METERS_PER_HECTARE = 10000;
export const SQUARE_METERS_PER_WAN = 10000;

export function squareMetersToMu(areaSquareMeters: number): number {
  return (areaSquareMeters * 15) / 10000;
}

export function muToSquareMeters(areaMu: number): number {
  return (areaMu * 10000) / 15;
}

export function squareMetersToWan(areaSquareMeters: number): number {
  return areaSquareMeters / SQUARE_METERS_PER_WAN;
}

export function squareMetersToHectares(areaSquareMeters: number): number {
  return areaSquareMeters / SQUARE_METERS_PER_HECTARE;
}

const integerFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const twoDecimalFormat = new Intl.NumberFormat('zh-CN', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** The three display forms of an area: "1,234 m²", "0.12 万m²", "1.85 亩". */
export interface AreaTexts {
  squareMeters: string;
  wanSquareMeters: string;
  mu: string;
  hectares: string;
}

export function formatArea(areaSquareMeters: number): AreaTexts {
  return {
    squareMeters: `${integerFormat.format(areaSquareMeters)} m²`,
    wanSquareMeters: `${twoDecimalFormat.format(squareMetersToWan(areaSquareMeters))} 万m²`,
    mu: `${twoDecimalFormat.format(squareMetersToMu(areaSquareMeters))} 亩`,
    hectares: `${twoDecimalFormat.format(squareMetersToHectares(areaSquareMeters))} 公顷`,
  };
}
