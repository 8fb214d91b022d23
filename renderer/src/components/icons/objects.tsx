import type { FolderRole, SourceKind } from '../../../../shared/model';
import { icon, type IconComponent, type IconProps } from './svg';

/** Icons of things the app shows: folders, mail files and sources, attachments, profiles, the product mark. */

export const InboxIcon = icon(
  'M2 9.5h3.2l1 1.8h3.6l1-1.8H14',
  'M2 9.5 3.7 4.1a1 1 0 0 1 .95-.7h6.7a1 1 0 0 1 .95.7L14 9.5v3.1a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z',
);

export const SentIcon = icon('M14 2 7.2 8.8', 'M14 2 9.7 14l-2.5-5.2L2 6.3z');

export const DraftsIcon = icon(
  'M10.6 2.6a1.4 1.4 0 0 1 2 0l.8.8a1.4 1.4 0 0 1 0 2L6.2 12.6 3 13.4l.8-3.2z',
  'm9.6 3.6 2.8 2.8',
);

export const TrashIcon = icon(
  'M2.8 4.3h10.4',
  'M6.2 4.3V3a.8.8 0 0 1 .8-.8h2a.8.8 0 0 1 .8.8v1.3',
  'm4.2 4.3.7 8.6a1 1 0 0 0 1 .9h4.2a1 1 0 0 0 1-.9l.7-8.6',
  'M6.8 7v4.3M9.2 7v4.3',
);

export const JunkIcon = icon('M8 1.9 13.2 4v3.7c0 3-2.2 5.5-5.2 6.4-3-.9-5.2-3.4-5.2-6.4V4z', 'M8 5.2v3.3', {
  d: 'M8 10.8h.01',
  strokeWidth: 1.8,
});

export const ArchiveIcon = icon(
  { x: 2, y: 2.8, width: 12, height: 3.2, rx: 0.8 },
  'M3 6v6.4a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V6',
  'M6.5 8.6h3',
);

export const FolderIcon = icon(
  'M2 4.3a1 1 0 0 1 1-1h3.1l1.5 1.6H13a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z',
);

const FOLDER_ROLE_ICONS: Record<FolderRole, IconComponent> = {
  inbox: InboxIcon,
  sent: SentIcon,
  drafts: DraftsIcon,
  trash: TrashIcon,
  junk: JunkIcon,
  archive: ArchiveIcon,
};

export function FolderRoleIcon({ folderRole, ...props }: IconProps & { folderRole: FolderRole | null }) {
  const Icon = folderRole ? FOLDER_ROLE_ICONS[folderRole] : FolderIcon;
  return <Icon {...props} />;
}

export const MailIcon = icon({ x: 2, y: 3.4, width: 12, height: 9.2, rx: 1.2 }, 'm2.4 4.2 5.6 4.4 5.6-4.4');

export const MailOpenIcon = icon(
  'M2 6.6 8 2.4l6 4.2v6a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z',
  'm2.3 6.9 5.7 3.8 5.7-3.8',
);

export const FileIcon = icon(
  'M4 1.9h5l3.2 3.2v8a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-10.2a1 1 0 0 1 1-1z',
  'M9 1.9v3.2h3.2',
);

export const FolderOpenIcon = icon(
  'M2 12.2V4.3a1 1 0 0 1 1-1h3.1l1.5 1.6H12a1 1 0 0 1 1 1v1',
  'M2 12.2 3.8 7.6a1 1 0 0 1 .9-.6h9.1a.6.6 0 0 1 .6.8l-1.6 4.4a1 1 0 0 1-.9.7H2.9A.9.9 0 0 1 2 12.2z',
);

export const SampleIcon = icon(
  'M6 1.9h4M6.7 1.9v4L2.9 12.4a1 1 0 0 0 .9 1.5h8.4a1 1 0 0 0 .9-1.5L9.3 5.9v-4',
  'M4.6 9.6h6.8',
);

export const MboxIcon = icon(
  'M4.6 1.9h4.6l2.9 2.9v7.3a1 1 0 0 1-1 1H4.6a1 1 0 0 1-1-1V2.9a1 1 0 0 1 1-1z',
  'M5.8 7.2h4.4M5.8 9.4h4.4M5.8 11.6h2.6',
);

/** Local sources only: an IMAP or POP3 source draws no kind icon. */
const SOURCE_KIND_ICONS: Partial<Record<SourceKind, IconComponent>> = {
  sample: SampleIcon,
  maildir: FolderOpenIcon,
  mbox: MboxIcon,
  eml: MailIcon,
};

export function SourceKindIcon({ kind, ...props }: IconProps & { kind: SourceKind }) {
  const Icon = SOURCE_KIND_ICONS[kind];
  return Icon ? <Icon {...props} /> : null;
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

export const CheckCircleIcon = icon({ cx: 8, cy: 8, r: 6 }, 'm5.4 8.2 1.8 1.8 3.4-3.6');

export const FailCircleIcon = icon({ cx: 8, cy: 8, r: 6 }, 'm5.9 5.9 4.2 4.2M10.1 5.9l-4.2 4.2');

export const SkipCircleIcon = icon({ cx: 8, cy: 8, r: 6, strokeDasharray: '2 2' }, 'M5.6 8h4.8');

export const BookIcon = icon(
  'M2.5 3.2C4.3 2.6 6.4 2.8 8 4c1.6-1.2 3.7-1.4 5.5-.8v9.3c-1.8-.6-3.9-.4-5.5.8-1.6-1.2-3.7-1.4-5.5-.8z',
  'M8 4v9.3',
);

export const KeyIcon = icon({ cx: 5.5, cy: 10.5, r: 2.8 }, 'm7.5 8.5 5.5-5.5M11 5l1.6 1.6M9.6 6.4l1.2 1.2');

export const CloudIcon = icon('M4.6 12.5a2.9 2.9 0 0 1-.3-5.8 3.9 3.9 0 0 1 7.5-.9 3.4 3.4 0 0 1-.2 6.7z');

export const PersonIcon = icon(
  { cx: 8, cy: 5.3, r: 2.6 },
  'M2.8 13.5c.6-2.6 2.7-4.2 5.2-4.2s4.6 1.6 5.2 4.2',
);

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

/** A magnifier: finding a message (Find by Message-ID). */
export const SearchIcon = icon({ cx: 7, cy: 7, r: 4.5 }, 'm10.3 10.3 3.2 3.2');

/** Export: an arrow leaving a tray. */
export const ExportIcon = icon(
  'M8 10V2.5',
  'M5 5.3 8 2.3l3 3',
  'M2.8 9.5v3a1 1 0 0 0 1 1h8.4a1 1 0 0 0 1-1v-3',
);
