/** The content-box size of an element in CSS pixels and its computed font size, updated on resize. */
import { useEffect, useRef, useState } from 'react';

export interface ElementSize {
  width: number;
  height: number;
  fontSizePixels: number;
}

const EMPTY: ElementSize = { width: 0, height: 0, fontSizePixels: 16 };

export function useElementSize<T extends HTMLElement>() {
  const ref = useRef<T | null>(null);
  const [size, setSize] = useState<ElementSize>(EMPTY);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const fontSizePixels = Number.parseFloat(getComputedStyle(element).fontSize) || 16;
      const next = { width: Math.round(element.clientWidth), height: Math.round(element.clientHeight), fontSizePixels };
      setSize((current) => (current.width === next.width && current.height === next.height && current.fontSizePixels === next.fontSizePixels ? current : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}
