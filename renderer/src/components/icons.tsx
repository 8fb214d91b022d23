import type { ReactNode, SVGProps } from 'react';
import type { FolderRole, SourceKind } from '../../../shared/model';

/**
 * Inline SVG icons: no icon font and no external assets, so they work under the page's CSP and
 * follow `currentColor` in both themes. All are decorative (aria-hidden); the text next to them,
 * or the button's label, carries the meaning.
 */

type IconProps = Omit<SVGProps<SVGSVGElement>, 'children'> & { size?: number };

function Svg({ size = 16, children, className, ...rest }: IconProps & { children: ReactNode }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      className={className ? `icon ${className}` : 'icon'}
      {...rest}
    >
      {children}
    </svg>
  );
}

export function InboxIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 9.5h3.2l1 1.8h3.6l1-1.8H14" />
      <path d="M2 9.5 3.7 4.1a1 1 0 0 1 .95-.7h6.7a1 1 0 0 1 .95.7L14 9.5v3.1a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />
    </Svg>
  );
}

export function SentIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M14 2 7.2 8.8" />
      <path d="M14 2 9.7 14l-2.5-5.2L2 6.3z" />
    </Svg>
  );
}

export function DraftsIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M10.6 2.6a1.4 1.4 0 0 1 2 0l.8.8a1.4 1.4 0 0 1 0 2L6.2 12.6 3 13.4l.8-3.2z" />
      <path d="m9.6 3.6 2.8 2.8" />
    </Svg>
  );
}

export function TrashIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.8 4.3h10.4" />
      <path d="M6.2 4.3V3a.8.8 0 0 1 .8-.8h2a.8.8 0 0 1 .8.8v1.3" />
      <path d="m4.2 4.3.7 8.6a1 1 0 0 0 1 .9h4.2a1 1 0 0 0 1-.9l.7-8.6" />
      <path d="M6.8 7v4.3M9.2 7v4.3" />
    </Svg>
  );
}

export function JunkIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1.9 13.2 4v3.7c0 3-2.2 5.5-5.2 6.4-3-.9-5.2-3.4-5.2-6.4V4z" />
      <path d="M8 5.2v3.3" />
      <path d="M8 10.8h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function ArchiveIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2" y="2.8" width="12" height="3.2" rx=".8" />
      <path d="M3 6v6.4a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V6" />
      <path d="M6.5 8.6h3" />
    </Svg>
  );
}

export function FolderIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 4.3a1 1 0 0 1 1-1h3.1l1.5 1.6H13a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />
    </Svg>
  );
}

export function FolderRoleIcon({ folderRole, ...props }: IconProps & { folderRole: FolderRole | null }) {
  switch (folderRole) {
    case 'inbox':
      return <InboxIcon {...props} />;
    case 'sent':
      return <SentIcon {...props} />;
    case 'drafts':
      return <DraftsIcon {...props} />;
    case 'trash':
      return <TrashIcon {...props} />;
    case 'junk':
      return <JunkIcon {...props} />;
    case 'archive':
      return <ArchiveIcon {...props} />;
    default:
      return <FolderIcon {...props} />;
  }
}

export function ChevronIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="m6 3.8 4.2 4.2L6 12.2" />
    </Svg>
  );
}

export function CloseIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="m4.2 4.2 7.6 7.6M11.8 4.2l-7.6 7.6" />
    </Svg>
  );
}

export function PlusIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 3v10M3 8h10" />
    </Svg>
  );
}

export function PaperclipIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="m13.2 7.6-5.1 5.1a3.1 3.1 0 0 1-4.4-4.4l5.6-5.6a2.1 2.1 0 0 1 3 3L6.7 11.3a1 1 0 0 1-1.5-1.5l4.9-4.9" />
    </Svg>
  );
}

export function FlagIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M3.5 14V2.6" />
      <path d="M3.5 2.8h8.2l-1.8 3 1.8 3H3.5" fill="currentColor" />
    </Svg>
  );
}

export function ReplyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.3 4 2.5 7.6l3.8 3.6" />
      <path d="M2.8 7.6h6.4a4 4 0 0 1 4 4v.9" />
    </Svg>
  );
}

export function RefreshIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M13.2 8a5.2 5.2 0 1 1-1.6-3.8" />
      <path d="M13.3 2.6v2.8h-2.8" />
    </Svg>
  );
}

export function WarningIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M7.1 2.6a1 1 0 0 1 1.8 0l5.2 9.6a1 1 0 0 1-.9 1.5H2.8a1 1 0 0 1-.9-1.5z" />
      <path d="M8 6.2v3" />
      <path d="M8 11.4h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function ErrorIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.9v3.6" />
      <path d="M8 11h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function InfoIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 7.2V11" />
      <path d="M8 5h.01" strokeWidth={1.8} />
    </Svg>
  );
}

export function ShieldIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 1.9 13.2 4v3.7c0 3-2.2 5.5-5.2 6.4-3-.9-5.2-3.4-5.2-6.4V4z" />
      <path d="m5.8 8 1.6 1.6 2.9-3" />
    </Svg>
  );
}

export function EyeIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M1.6 8S4 3.6 8 3.6 14.4 8 14.4 8 12 12.4 8 12.4 1.6 8 1.6 8z" />
      <circle cx="8" cy="8" r="2" />
    </Svg>
  );
}

export function ImageOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2.2" y="2.8" width="11.6" height="10.4" rx="1.2" />
      <path d="m2.5 11 3.3-3.2 2.6 2.4" />
      <circle cx="10.4" cy="6" r="1.1" />
      <path d="m1.8 1.8 12.4 12.4" />
    </Svg>
  );
}

export function LinkOffIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.6 9.4 9.4 6.6" />
      <path d="M7.3 4.5 8.6 3.2a2.6 2.6 0 0 1 3.7 3.7L11 8.2" />
      <path d="M8.7 11.5 7.4 12.8a2.6 2.6 0 0 1-3.7-3.7L5 7.8" />
      <path d="m2 2 12 12" />
    </Svg>
  );
}

export function HeadersIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 4h3M2.5 8h3M2.5 12h3M7.5 4h6M7.5 8h6M7.5 12h4" />
    </Svg>
  );
}

export function KeyboardIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="1.6" y="4" width="12.8" height="8" rx="1.3" />
      <path d="M4.2 6.6h.01M6.7 6.6h.01M9.3 6.6h.01M11.8 6.6h.01M5 9.5h6" strokeWidth={1.5} />
    </Svg>
  );
}

export function MailIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2" y="3.4" width="12" height="9.2" rx="1.2" />
      <path d="m2.4 4.2 5.6 4.4 5.6-4.4" />
    </Svg>
  );
}

export function MailOpenIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 6.6 8 2.4l6 4.2v6a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />
      <path d="m2.3 6.9 5.7 3.8 5.7-3.8" />
    </Svg>
  );
}

export function FileIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4 1.9h5l3.2 3.2v8a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-10.2a1 1 0 0 1 1-1z" />
      <path d="M9 1.9v3.2h3.2" />
    </Svg>
  );
}

export function FolderOpenIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2 12.2V4.3a1 1 0 0 1 1-1h3.1l1.5 1.6H12a1 1 0 0 1 1 1v1" />
      <path d="M2 12.2 3.8 7.6a1 1 0 0 1 .9-.6h9.1a.6.6 0 0 1 .6.8l-1.6 4.4a1 1 0 0 1-.9.7H2.9A.9.9 0 0 1 2 12.2z" />
    </Svg>
  );
}

export function SampleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6 1.9h4M6.7 1.9v4L2.9 12.4a1 1 0 0 0 .9 1.5h8.4a1 1 0 0 0 .9-1.5L9.3 5.9v-4" />
      <path d="M4.6 9.6h6.8" />
    </Svg>
  );
}

export function MboxIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.6 1.9h4.6l2.9 2.9v7.3a1 1 0 0 1-1 1H4.6a1 1 0 0 1-1-1V2.9a1 1 0 0 1 1-1z" />
      <path d="M5.8 7.2h4.4M5.8 9.4h4.4M5.8 11.6h2.6" />
    </Svg>
  );
}

export function SourceKindIcon({ kind, ...props }: IconProps & { kind: SourceKind }) {
  switch (kind) {
    case 'sample':
      return <SampleIcon {...props} />;
    case 'maildir':
      return <FolderOpenIcon {...props} />;
    case 'mbox':
      return <MboxIcon {...props} />;
    case 'eml':
      return <MailIcon {...props} />;
  }
}

/** Attachment icons: a document outline with a short type label, the way file managers do it. */
export function AttachmentTypeIcon({ contentType, filename }: { contentType: string; filename: string }) {
  const kind = attachmentKind(contentType, filename);
  return (
    <span className={`attachment-icon attachment-icon--${kind.tone}`} aria-hidden="true">
      <FileIcon size={28} strokeWidth={1.1} />
      <span className="attachment-icon__label">{kind.label}</span>
    </span>
  );
}

interface AttachmentKind {
  label: string;
  tone:
    | 'image'
    | 'pdf'
    | 'doc'
    | 'sheet'
    | 'slides'
    | 'archive'
    | 'mail'
    | 'calendar'
    | 'media'
    | 'text'
    | 'other';
}

function attachmentKind(contentType: string, filename: string): AttachmentKind {
  const type = contentType.toLowerCase();
  const ext = (/\.([a-z0-9]{1,5})$/i.exec(filename)?.[1] ?? '').toLowerCase();
  if (type.startsWith('image/'))
    return { label: (ext || type.slice(6)).slice(0, 4).toUpperCase(), tone: 'image' };
  if (type === 'application/pdf' || ext === 'pdf') return { label: 'PDF', tone: 'pdf' };
  if (type === 'message/rfc822' || ext === 'eml') return { label: 'EML', tone: 'mail' };
  if (type === 'application/vnd.ms-outlook' || ext === 'msg') return { label: 'MSG', tone: 'mail' };
  if (/ms-tnef$/.test(type)) return { label: 'TNEF', tone: 'mail' };
  if (type === 'text/calendar' || ext === 'ics') return { label: 'ICS', tone: 'calendar' };
  if (
    /zip|compressed|x-tar|gzip|x-7z|rar/.test(type) ||
    ['zip', 'gz', 'tgz', '7z', 'rar', 'tar'].includes(ext)
  ) {
    return { label: (ext || 'ZIP').toUpperCase(), tone: 'archive' };
  }
  if (/spreadsheet|excel|csv/.test(type) || ['xls', 'xlsx', 'csv', 'ods'].includes(ext)) {
    return { label: (ext || 'XLS').toUpperCase(), tone: 'sheet' };
  }
  if (/presentation|powerpoint/.test(type) || ['ppt', 'pptx', 'odp'].includes(ext)) {
    return { label: (ext || 'PPT').toUpperCase(), tone: 'slides' };
  }
  if (/word|opendocument\.text|rtf/.test(type) || ['doc', 'docx', 'odt', 'rtf'].includes(ext)) {
    return { label: (ext || 'DOC').toUpperCase(), tone: 'doc' };
  }
  if (type.startsWith('audio/') || type.startsWith('video/'))
    return { label: (ext || 'MEDIA').slice(0, 4).toUpperCase(), tone: 'media' };
  if (type.startsWith('text/')) return { label: (ext || 'TXT').slice(0, 4).toUpperCase(), tone: 'text' };
  return { label: (ext || 'FILE').slice(0, 4).toUpperCase(), tone: 'other' };
}

/** The product mark: an envelope under a lens, on the accent colour. */
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 40 40" aria-hidden="true" focusable="false" className="logo">
      <rect width="40" height="40" rx="9" className="logo__bg" />
      <g fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <rect x="8" y="11" width="20" height="14.5" rx="2" />
        <path d="m8.8 12.4 9.2 7 9.2-7" />
        <circle cx="27" cy="26" r="5" className="logo__lens" />
        <path d="m30.6 29.6 3.2 3.2" />
      </g>
    </svg>
  );
}

/* ---- Shared mailboxes: diagnostics, profile actions ---- */

export function CheckCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="m5.4 8.2 1.8 1.8 3.4-3.6" />
    </Svg>
  );
}

export function FailCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" />
      <path d="m5.9 5.9 4.2 4.2M10.1 5.9l-4.2 4.2" />
    </Svg>
  );
}

export function SkipCircleIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="8" r="6" strokeDasharray="2 2" />
      <path d="M5.6 8h4.8" />
    </Svg>
  );
}

export function CopyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 5.5V4a1.5 1.5 0 0 0-1.5-1.5H4A1.5 1.5 0 0 0 2.5 4v5A1.5 1.5 0 0 0 4 10.5h1.5" />
    </Svg>
  );
}

export function EditIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M10.8 2.7a1.4 1.4 0 0 1 2 2L5.6 11.9l-2.8.8.8-2.8z" />
      <path d="m9.6 3.9 2 2" />
    </Svg>
  );
}

export function PlayIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M5 3.2v9.6L12.6 8z" />
    </Svg>
  );
}

export function BookIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 3.2C4.3 2.6 6.4 2.8 8 4c1.6-1.2 3.7-1.4 5.5-.8v9.3c-1.8-.6-3.9-.4-5.5.8-1.6-1.2-3.7-1.4-5.5-.8z" />
      <path d="M8 4v9.3" />
    </Svg>
  );
}

export function DownloadIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 2.5v7.5M4.8 7 8 10.2 11.2 7M3 13h10" />
    </Svg>
  );
}

export function UploadIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M8 10.5V3M4.8 6.2 8 3l3.2 3.2M3 13h10" />
    </Svg>
  );
}

export function KeyIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="5.5" cy="10.5" r="2.8" />
      <path d="m7.5 8.5 5.5-5.5M11 5l1.6 1.6M9.6 6.4l1.2 1.2" />
    </Svg>
  );
}

export function CloudIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M4.6 12.5a2.9 2.9 0 0 1-.3-5.8 3.9 3.9 0 0 1 7.5-.9 3.4 3.4 0 0 1-.2 6.7z" />
    </Svg>
  );
}

export function PersonIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <circle cx="8" cy="5.3" r="2.6" />
      <path d="M2.8 13.5c.6-2.6 2.7-4.2 5.2-4.2s4.6 1.6 5.2 4.2" />
    </Svg>
  );
}

/** Bars of falling (or rising) length with an arrow: the list's order. */
export function SortIcon({ descending = true, ...props }: IconProps & { descending?: boolean }) {
  return (
    <Svg {...props}>
      <path d={descending ? 'M2.5 4h6M2.5 8h4.5M2.5 12h3' : 'M2.5 4h3M2.5 8h4.5M2.5 12h6'} />
      <path d={descending ? 'M12 3v10M9.8 10.8 12 13l2.2-2.2' : 'M12 13V3M9.8 5.2 12 3l2.2 2.2'} />
    </Svg>
  );
}

export function ExternalIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M9 2.5h4.5V7M13.5 2.5 7.5 8.5" />
      <path d="M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3" />
    </Svg>
  );
}

/** Three sliders: view settings. */
export function SlidersIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M2.5 4h3.2M9.3 4h4.2M2.5 8h7.2M13.3 8h.2M2.5 12h1.7M7.8 12h5.7" />
      <circle cx="7.5" cy="4" r="1.6" />
      <circle cx="11.5" cy="8" r="1.6" />
      <circle cx="6" cy="12" r="1.6" />
    </Svg>
  );
}

export function SignOutIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <path d="M6.5 13.5h-3a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h3" />
      <path d="M10.5 11 13.5 8l-3-3M13.5 8H6" />
    </Svg>
  );
}

/** A window with its left pane: show or hide the folder pane. */
export function SidebarIcon(props: IconProps) {
  return (
    <Svg {...props}>
      <rect x="2" y="3" width="12" height="10" rx="1.5" />
      <path d="M6 3v10" />
    </Svg>
  );
}
