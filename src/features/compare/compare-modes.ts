/**
 * What each comparison mode shows, as plain data (tested in Node): the opacity of both epochs on
 * each of the two synced maps, where the later map is clipped, and how the maps are laid out.
 *
 * The earlier map lies under the later one. Swipe clips the later map at the divider, so the
 * earlier epoch shows on the left (or top) and the later on the right (or bottom); side by side puts
 * the maps next to each other; fade and flicker show both epochs on the later map, the later one
 * with the fade opacity or blinking on and off.
 */
export const COMPARE_MODES = ['swipe', 'side', 'fade', 'flicker'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

export const COMPARE_MODE_LABELS: Record<CompareMode, string> = { swipe: '卷帘', side: '并排', fade: '透明度', flicker: '闪烁' };

export type DividerOrientation = 'vertical' | 'horizontal';

export interface CompareSettings {
  mode: CompareMode;
  orientation: DividerOrientation;
  /** Divider position, 0…100 % of the map's width (vertical) or height (horizontal). */
  dividerPercent: number;
  /** Opacity of the later epoch in fade mode, 0…1. */
  fade: number;
  /** In flicker mode: whether the later epoch is showing at the moment. */
  flickerShowsLater: boolean;
}

export interface RasterOpacities {
  before: number;
  after: number;
}

export interface CompareDisplay {
  /** Epoch opacities on the earlier (lower) map. */
  earlierMap: RasterOpacities;
  /** Epoch opacities on the later (upper) map. */
  laterMap: RasterOpacities;
  /** CSS clip-path of the later map's pane, or 'none'. */
  laterClip: string;
  layout: 'stacked' | 'side-by-side';
}

const clampPercent = (value: number) => Math.min(100, Math.max(0, value));

export function compareDisplay(settings: CompareSettings): CompareDisplay {
  const separate = { earlierMap: { before: 1, after: 0 }, laterMap: { before: 0, after: 1 } };
  switch (settings.mode) {
    case 'swipe': {
      const position = clampPercent(settings.dividerPercent);
      const laterClip = settings.orientation === 'vertical' ? `inset(0px 0px 0px ${position}%)` : `inset(${position}% 0px 0px 0px)`;
      return { ...separate, laterClip, layout: 'stacked' };
    }
    case 'side':
      return { ...separate, laterClip: 'none', layout: 'side-by-side' };
    case 'fade':
      return { earlierMap: separate.earlierMap, laterMap: { before: 1, after: Math.min(1, Math.max(0, settings.fade)) }, laterClip: 'none', layout: 'stacked' };
    case 'flicker':
      return { earlierMap: separate.earlierMap, laterMap: { before: 1, after: settings.flickerShowsLater ? 1 : 0 }, laterClip: 'none', layout: 'stacked' };
  }
}

/** The divider position for a pointer at `client` (px) over a stage spanning `start`…`start + size` (px). */
export function dividerPercentAt(client: number, start: number, size: number): number {
  if (size <= 0) return 50;
  return clampPercent(((client - start) / size) * 100);
}
