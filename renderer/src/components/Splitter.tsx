import { useRef } from 'react';

/**
 * A vertical splitter between two panes: drag it, or focus it and use the arrow keys (Shift for
 * bigger steps, Home/End for the limits). `value` is the width of the pane on its left.
 */

interface SplitterProps {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  /** The id of the pane it resizes, for aria-controls. */
  controls?: string;
}

const STEP = 16;
const BIG_STEP = 64;

export function Splitter({ label, value, min, max, onChange, controls }: SplitterProps) {
  const drag = useRef<{ startX: number; startValue: number } | null>(null);
  const clamp = (v: number) => Math.round(Math.min(max, Math.max(min, v)));

  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      title={`${label} (drag, or use the arrow keys)`}
      onPointerDown={(event) => {
        if (event.button !== 0) return;
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        event.currentTarget.focus();
        drag.current = { startX: event.clientX, startValue: value };
        document.body.classList.add('is-resizing');
      }}
      onPointerMove={(event) => {
        if (!drag.current) return;
        onChange(clamp(drag.current.startValue + event.clientX - drag.current.startX));
      }}
      onPointerUp={(event) => {
        drag.current = null;
        event.currentTarget.releasePointerCapture(event.pointerId);
        document.body.classList.remove('is-resizing');
      }}
      onPointerCancel={() => {
        drag.current = null;
        document.body.classList.remove('is-resizing');
      }}
      onKeyDown={(event) => {
        const step = event.shiftKey ? BIG_STEP : STEP;
        let next: number | null = null;
        if (event.key === 'ArrowLeft') next = value - step;
        else if (event.key === 'ArrowRight') next = value + step;
        else if (event.key === 'Home') next = min;
        else if (event.key === 'End') next = max;
        if (next === null) return;
        event.preventDefault();
        onChange(clamp(next));
      }}
    />
  );
}
