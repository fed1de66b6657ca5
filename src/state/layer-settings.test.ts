import { describe, expect, it } from 'vitest';
import { createDefaultLayerSettings, layerGroup, moveLayer, restoreLayerSettings } from './layer-settings';

describe('layer settings', () => {
  it('moves a layer within its group and stops at the group edge', () => {
    const settings = createDefaultLayerSettings();
    const ids = (list: { id: string }[]) => list.map((setting) => setting.id);
    const moved = moveLayer(settings, 'zones', 'up');
    const zoneIndex = ids(moved).indexOf('zones');
    expect(ids(moved)[zoneIndex - 1]).toBe('parkSites');
    const firstCampaign = settings.find((setting) => layerGroup(setting.id) === 'campaign');
    expect(moveLayer(settings, firstCampaign!.id, 'down')).toEqual(settings);
    const lastBase = [...settings].reverse().find((setting) => layerGroup(setting.id) === 'base');
    expect(moveLayer(settings, lastBase!.id, 'up')).toEqual(settings);
  });

  it('restores saved settings, drops unknown layers, adds missing ones and clamps opacity', () => {
    const restored = restoreLayerSettings([
      { id: 'violations', visible: false, opacity: 3 },
      { id: 'notALayer', visible: true, opacity: 1 },
      { id: 'townships', visible: true, opacity: 0.5 },
    ]);
    expect(restored.length).toBe(createDefaultLayerSettings().length);
    expect(restored.find((setting) => setting.id === 'violations')).toEqual({ id: 'violations', visible: false, opacity: 1 });
    const groups = restored.map((setting) => layerGroup(setting.id));
    expect(groups.lastIndexOf('base')).toBeLessThan(groups.indexOf('campaign'));
  });

  it('falls back to defaults for anything that is not a saved list', () => {
    expect(restoreLayerSettings({ __proto__: { polluted: true } })).toEqual(createDefaultLayerSettings());
    expect(restoreLayerSettings(undefined)).toEqual(createDefaultLayerSettings());
  });
});
