import type { Density } from '../../lib/settings';

/**
 * Row heights of the message list, in rem so they grow with the user's font size: a virtual list
 * must know them in pixels up front, and a row sized in fixed pixels would clip enlarged text.
 * Comfortable rows have two lines (sender and date; subject, marks and size), compact rows one;
 * the preview line adds a third line to comfortable rows and runs after the subject in compact ones.
 */

const ROW_REM: Record<Density, { plain: number; preview: number }> = {
  comfortable: { plain: 3.375, preview: 4.5 },
  compact: { plain: 2, preview: 2 },
};

export function rowHeightRem(density: Density, preview: boolean): number {
  return ROW_REM[density][preview ? 'preview' : 'plain'];
}

/** Whole pixels, so rows stack without sub-pixel seams. */
export function rowHeightPx(density: Density, preview: boolean, remPx: number): number {
  return Math.round(rowHeightRem(density, preview) * remPx);
}
