import type { SourceKind } from '../../../../shared/model';
import { type IconProps, Svg } from './svg';

// Icons of mail files and sources, and the attachment tiles.

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
