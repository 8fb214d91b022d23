import type { FolderRole } from '../../../../shared/model';
import { type IconProps, Svg } from './svg';

// Folder icons: one per well-known folder role, and a plain folder for the rest.

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
