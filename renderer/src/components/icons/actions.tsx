import { icon, type IconProps } from './svg';

/** Icons of actions and notices: what a button does, what a notice says. */

export const ChevronIcon = icon('m6 3.8 4.2 4.2L6 12.2');

export const CloseIcon = icon('m4.2 4.2 7.6 7.6M11.8 4.2l-7.6 7.6');

export const PlusIcon = icon('M8 3v10M3 8h10');

export const PaperclipIcon = icon(
  'm13.2 7.6-5.1 5.1a3.1 3.1 0 0 1-4.4-4.4l5.6-5.6a2.1 2.1 0 0 1 3 3L6.7 11.3a1 1 0 0 1-1.5-1.5l4.9-4.9',
);

export const FlagIcon = icon('M3.5 14V2.6', { d: 'M3.5 2.8h8.2l-1.8 3 1.8 3H3.5', fill: 'currentColor' });

export const ReplyIcon = icon('M6.3 4 2.5 7.6l3.8 3.6', 'M2.8 7.6h6.4a4 4 0 0 1 4 4v.9');

export const RefreshIcon = icon('M13.2 8a5.2 5.2 0 1 1-1.6-3.8', 'M13.3 2.6v2.8h-2.8');

export const CopyIcon = icon(
  { x: 5.5, y: 5.5, width: 8, height: 8, rx: 1.5 },
  'M10.5 5.5V4a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 4v5A1.5 1.5 0 0 0 4 10.5h1.5',
);

export const EditIcon = icon('M10.8 2.7a1.4 1.4 0 0 1 2 2L5.6 11.9l-2.8.8.8-2.8z', 'm9.6 3.9 2 2');

export const PlayIcon = icon('M5 3.2v9.6L12.6 8z');

export const DownloadIcon = icon('M8 2.5v7.5M4.8 7 8 10.2 11.2 7M3 13h10');

export const UploadIcon = icon('M8 10.5V3M4.8 6.2 8 3l3.2 3.2M3 13h10');

const SortDescendingIcon = icon('M2.5 4h6M2.5 8h4.5M2.5 12h3', 'M12 3v10M9.8 10.8 12 13l2.2-2.2');
const SortAscendingIcon = icon('M2.5 4h3M2.5 8h4.5M2.5 12h6', 'M12 13V3M9.8 5.2 12 3l2.2 2.2');

/** Bars of falling (or rising) length with an arrow: the list's order. */
export function SortIcon({ descending = true, ...props }: IconProps & { descending?: boolean }) {
  return descending ? <SortDescendingIcon {...props} /> : <SortAscendingIcon {...props} />;
}

export const ExternalIcon = icon(
  'M9 2.5h4.5V7M13.5 2.5 7.5 8.5',
  'M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3',
);

/** Three sliders: view settings. */
export const SlidersIcon = icon(
  'M2.5 4h3.2M9.3 4h4.2M2.5 8h7.2M13.3 8h.2M2.5 12h1.7M7.8 12h5.7',
  { cx: 7.5, cy: 4, r: 1.6 },
  { cx: 11.5, cy: 8, r: 1.6 },
  { cx: 6, cy: 12, r: 1.6 },
);

export const SignOutIcon = icon(
  'M6.5 13.5h-3a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h3',
  'M10.5 11 13.5 8l-3-3M13.5 8H6',
);

/** A window with its left pane: show or hide the folder pane. */
export const SidebarIcon = icon({ x: 2, y: 3, width: 12, height: 10, rx: 1.5 }, 'M6 3v10');

export const WarningIcon = icon(
  'M7.1 2.6a1 1 0 0 1 1.8 0l5.2 9.6a1 1 0 0 1-.9 1.5H2.8a1 1 0 0 1-.9-1.5z',
  'M8 6.2v3',
  { d: 'M8 11.4h.01', strokeWidth: 1.8 },
);

export const ErrorIcon = icon({ cx: 8, cy: 8, r: 6 }, 'M8 4.9v3.6', { d: 'M8 11h.01', strokeWidth: 1.8 });

export const InfoIcon = icon({ cx: 8, cy: 8, r: 6 }, 'M8 7.2V11', { d: 'M8 5h.01', strokeWidth: 1.8 });

export const ShieldIcon = icon(
  'M8 1.9 13.2 4v3.7c0 3-2.2 5.5-5.2 6.4-3-.9-5.2-3.4-5.2-6.4V4z',
  'm5.8 8 1.6 1.6 2.9-3',
);

export const EyeIcon = icon('M1.6 8S4 3.6 8 3.6 14.4 8 14.4 8 12 12.4 8 12.4 1.6 8 1.6 8z', {
  cx: 8,
  cy: 8,
  r: 2,
});

export const ImageOffIcon = icon(
  { x: 2.2, y: 2.8, width: 11.6, height: 10.4, rx: 1.2 },
  'm2.5 11 3.3-3.2 2.6 2.4',
  { cx: 10.4, cy: 6, r: 1.1 },
  'm1.8 1.8 12.4 12.4',
);

export const LinkOffIcon = icon(
  'M6.6 9.4 9.4 6.6',
  'M7.3 4.5 8.6 3.2a2.6 2.6 0 0 1 3.7 3.7L11 8.2',
  'M8.7 11.5 7.4 12.8a2.6 2.6 0 0 1-3.7-3.7L5 7.8',
  'm2 2 12 12',
);

export const HeadersIcon = icon('M2.5 4h3M2.5 8h3M2.5 12h3M7.5 4h6M7.5 8h6M7.5 12h4');

export const KeyboardIcon = icon(
  { x: 1.6, y: 4, width: 12.8, height: 8, rx: 1.3 },
  { d: 'M4.2 6.6h.01M6.7 6.6h.01M9.3 6.6h.01M11.8 6.6h.01M5 9.5h6', strokeWidth: 1.5 },
);
