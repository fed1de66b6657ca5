/**
 * Connected components of a binary mask, 4-connected (pixels sharing an edge), labelled by a
 * flood fill with an explicit stack (no recursion, so a 4-million-pixel blob is fine). Labels are
 * 1, 2, … in raster order of each component's first pixel; 0 is background.
 */
import type { BinaryMask } from './raster-image';

export interface Component {
  label: number;
  pixelCount: number;
  /** Bounding box in pixels: columns minX..maxX and rows minY..maxY, inclusive. */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Labelling {
  width: number;
  height: number;
  /** Component label of each pixel (0 = background). */
  labels: Int32Array;
  components: Component[];
}

export function labelComponents(mask: BinaryMask): Labelling {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height);
  const components: Component[] = [];
  let stack = new Int32Array(1024);
  for (let start = 0; start < data.length; start++) {
    if (data[start] === 0 || labels[start] !== 0) continue;
    const label = components.length + 1;
    const component: Component = { label, pixelCount: 0, minX: width, minY: height, maxX: -1, maxY: -1 };
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const index = stack[--top] as number;
      const x = index % width;
      const y = (index - x) / width;
      component.pixelCount++;
      if (x < component.minX) component.minX = x;
      if (x > component.maxX) component.maxX = x;
      if (y < component.minY) component.minY = y;
      if (y > component.maxY) component.maxY = y;
      if (top + 4 > stack.length) {
        const grown = new Int32Array(stack.length * 2);
        grown.set(stack);
        stack = grown;
      }
      if (x > 0 && data[index - 1] !== 0 && labels[index - 1] === 0) { labels[index - 1] = label; stack[top++] = index - 1; }
      if (x + 1 < width && data[index + 1] !== 0 && labels[index + 1] === 0) { labels[index + 1] = label; stack[top++] = index + 1; }
      if (y > 0 && data[index - width] !== 0 && labels[index - width] === 0) { labels[index - width] = label; stack[top++] = index - width; }
      if (y + 1 < height && data[index + width] !== 0 && labels[index + width] === 0) { labels[index + width] = label; stack[top++] = index + width; }
    }
    components.push(component);
  }
  return { width, height, labels, components };
}
