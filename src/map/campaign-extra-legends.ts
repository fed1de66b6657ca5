/**
 * Colours and legends of the 无违建 village, 网格 and 危旧房 layers (campaign-extra-layers.ts), kept
 * apart so the palette can list the legends without importing the layers.
 */
import type { DangerGrade } from '../domain/dangerous-buildings';
import type { CampaignExtraLayerId } from '../state/layer-settings';

export type Rgba = readonly [number, number, number, number];

export const CAMPAIGN_EXTRA_COLORS = {
  cellLine: [84, 110, 122, 200] as Rgba,
  cellUnpatrolledFill: [255, 152, 0, 90] as Rgba,
  cellUnpatrolledLine: [230, 81, 0, 255] as Rgba,
  cellPatrolledFill: [84, 110, 122, 0] as Rgba,
  qualifiedFill: [46, 125, 50, 110] as Rgba,
  qualifiedLine: [27, 94, 32, 255] as Rgba,
  notQualifiedFill: [0, 0, 0, 0] as Rgba,
  notQualifiedLine: [27, 94, 32, 0] as Rgba,
  alarmLine: [213, 0, 0, 255] as Rgba,
  pointLine: [255, 255, 255, 230] as Rgba,
};
export const GRADE_COLORS: Record<DangerGrade, Rgba> = { A: [102, 187, 106, 255], B: [253, 216, 53, 255], C: [251, 140, 0, 255], D: [183, 28, 28, 255] };

const css = ([red, green, blue, alpha]: Rgba) => `rgba(${red}, ${green}, ${blue}, ${(alpha / 255).toFixed(3)})`;

/** Legend entries of the layer panel. */
export const CAMPAIGN_EXTRA_LEGENDS: Record<CampaignExtraLayerId, { label: string; color: string; shape: 'fill' | 'line' | 'point' }[]> = {
  noViolationVillages: [{ label: '已达无违建标准的村', color: css(CAMPAIGN_EXTRA_COLORS.qualifiedFill), shape: 'fill' }],
  gridCells: [
    { label: '本周未巡查网格', color: css(CAMPAIGN_EXTRA_COLORS.cellUnpatrolledFill), shape: 'fill' },
    { label: '本周已巡查网格', color: css(CAMPAIGN_EXTRA_COLORS.cellLine), shape: 'line' },
  ],
  dangerousBuildings: [
    ...(Object.keys(GRADE_COLORS) as DangerGrade[]).map((grade) => ({ label: `${grade}级`, color: css(GRADE_COLORS[grade]), shape: 'point' as const })),
    { label: 'D级未腾空（五个一律告警）', color: css(CAMPAIGN_EXTRA_COLORS.alarmLine), shape: 'line' as const },
  ],
};

