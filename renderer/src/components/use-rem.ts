import { useEffect, useState } from 'react';

/**
 * CSS pixels per rem, kept current: the user's font size (OS or browser setting) changes it, page
 * zoom does not. Code that must size things in pixels (a virtual list's row height) multiplies by
 * this, so rows grow with the text in them instead of clipping it.
 */
export function useRemPixels(): number {
  const [px, setPx] = useState(readRem);
  useEffect(() => {
    // A hidden 1rem box: its size changes exactly when rem does, and ResizeObserver says when.
    const probe = document.createElement('div');
    probe.setAttribute('aria-hidden', 'true');
    probe.style.cssText =
      'position:absolute;visibility:hidden;pointer-events:none;width:0;height:1rem;top:0;left:0';
    document.body.append(probe);
    const observer = new ResizeObserver(() => setPx(readRem()));
    observer.observe(probe);
    return () => {
      observer.disconnect();
      probe.remove();
    };
  }, []);
  return px;
}

function readRem(): number {
  const size = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(size) && size > 0 ? size : 16;
}
