/**
 * The map's layers as the layer panel lists them: base layers (底图) always draw below the campaign
 * layers (专题图层); each group keeps its own drawing order, bottom first.
 */
export const BASE_LAYER_IDS = ['townships', 'villages', 'rivers', 'roads'] as const;
export const CAMPAIGN_LAYER_IDS = [
  'villageBlocks',
  'industrialBlocks',
  'landUseParcels',
  'redLines',
  'zones',
  'parkSites',
  'violations',
  'fourNoUnits',
] as const;
export type BaseLayerId = (typeof BASE_LAYER_IDS)[number];
export type CampaignLayerId = (typeof CAMPAIGN_LAYER_IDS)[number];
/** Campaign layers of 无违建 villages, 网格 and 危旧房 (map/campaign-extra-layers.ts draws them above the others); hidden until switched on. */
export const CAMPAIGN_EXTRA_LAYER_IDS = ['noViolationVillages', 'gridCells', 'dangerousBuildings'] as const;
export type CampaignExtraLayerId = (typeof CAMPAIGN_EXTRA_LAYER_IDS)[number];
export type LayerId = BaseLayerId | CampaignLayerId | CampaignExtraLayerId;
export type LayerGroup = 'base' | 'campaign';

export const LAYER_LABELS: Record<LayerId, string> = {
  townships: '乡镇界',
  villages: '村界',
  rivers: '河流水系',
  roads: '道路',
  villageBlocks: '城中村区块',
  industrialBlocks: '工业区块',
  landUseParcels: '拆后土地利用',
  redLines: '规划控制线',
  zones: '改造区块',
  parkSites: '小微园',
  violations: '违建图斑',
  fourNoUnits: '四无单位',
  noViolationVillages: '无违建村',
  gridCells: '巡查网格',
  dangerousBuildings: '危旧房',
};

export interface LayerSetting {
  id: LayerId;
  visible: boolean;
  /** 0 (transparent) … 1 (opaque). */
  opacity: number;
}

export function layerGroup(id: LayerId): LayerGroup {
  return (BASE_LAYER_IDS as readonly string[]).includes(id) ? 'base' : 'campaign';
}

export function isLayerId(value: unknown): value is LayerId {
  return typeof value === 'string' && value in LAYER_LABELS;
}

/** Default settings: every layer visible, opacity 1, base layers then campaign layers. */
export function createDefaultLayerSettings(): LayerSetting[] {
  return [
    ...[...BASE_LAYER_IDS, ...CAMPAIGN_LAYER_IDS].map((id) => ({ id, visible: true, opacity: 1 })),
    ...CAMPAIGN_EXTRA_LAYER_IDS.map((id) => ({ id, visible: false, opacity: 1 })),
  ];
}

/**
 * Restores saved settings over the defaults: unknown ids are dropped, missing layers are added in
 * their default place, values are clamped, and base layers stay below campaign layers.
 */
export function restoreLayerSettings(saved: unknown): LayerSetting[] {
  const defaults = createDefaultLayerSettings();
  if (!Array.isArray(saved)) return defaults;
  const restored: LayerSetting[] = [];
  for (const entry of saved as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { id, visible, opacity } = entry as Record<string, unknown>;
    if (!isLayerId(id) || restored.some((setting) => setting.id === id)) continue;
    restored.push({
      id,
      visible: typeof visible === 'boolean' ? visible : true,
      opacity: typeof opacity === 'number' && Number.isFinite(opacity) ? Math.min(1, Math.max(0, opacity)) : 1,
    });
  }
  for (const setting of defaults) if (!restored.some((entry) => entry.id === setting.id)) restored.push(setting);
  return [
    ...restored.filter((setting) => layerGroup(setting.id) === 'base'),
    ...restored.filter((setting) => layerGroup(setting.id) === 'campaign'),
  ];
}

/**
 * Moves a layer one step up (drawn later, on top) or down within its group. At the group's edge
 * the settings are returned unchanged.
 */
export function moveLayer(settings: readonly LayerSetting[], id: LayerId, direction: 'up' | 'down'): LayerSetting[] {
  const index = settings.findIndex((setting) => setting.id === id);
  const neighbourIndex = direction === 'up' ? index + 1 : index - 1;
  const current = settings[index];
  const neighbour = settings[neighbourIndex];
  if (!current || !neighbour || layerGroup(neighbour.id) !== layerGroup(id)) return [...settings];
  const moved = [...settings];
  moved[index] = neighbour;
  moved[neighbourIndex] = current;
  return moved;
}
