/**
 * The 规划控制线 layer: each control line a pale fill and a strong outline in the colour its type
 * has on 国土空间规划 maps (生态保护红线 red, 永久基本农田 yellow-brown, 城镇开发边界 purple, 河道蓝线
 * blue), drawn by the binary campaign-layer machinery, and its legend.
 */
import type { Feature } from 'geojson';
import { RED_LINE_TYPES, type RedLineProperties, type RedLineType } from '../domain/red-lines';
import type { BinaryLayerStyle } from './binary-layers';

type Rgba = readonly [number, number, number, number];

const RED_LINE_COLORS: Record<RedLineType, Rgba> = {
  生态保护红线: [211, 47, 47, 255],
  永久基本农田: [175, 140, 20, 255],
  城镇开发边界外: [123, 31, 162, 255],
  河道蓝线: [21, 101, 192, 255],
};
const FILL_ALPHA = 45;

const colorOf = (feature: Feature): Rgba => RED_LINE_COLORS[(feature.properties as RedLineProperties).lineType] ?? RED_LINE_COLORS['生态保护红线'];

export const RED_LINE_STYLE: BinaryLayerStyle = {
  geometry: 'polygons',
  fill: (feature) => {
    const [red, green, blue] = colorOf(feature);
    return [red, green, blue, FILL_ALPHA];
  },
  line: colorOf,
  lineWidthPixels: 2.5,
};

const css = ([red, green, blue, alpha]: Rgba) => `rgba(${red}, ${green}, ${blue}, ${(alpha / 255).toFixed(3)})`;

/** Legend entries of the layer panel, one per control-line type. */
export const RED_LINE_LEGEND = RED_LINE_TYPES.map((lineType) => ({ label: lineType, color: css(RED_LINE_COLORS[lineType]), shape: 'line' as const }));
