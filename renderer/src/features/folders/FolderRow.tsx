import { memo } from 'react';
import type { Folder } from '../../../../shared/model';
import { formatCount } from '../../components/format';
import { ChevronIcon, FolderRoleIcon } from '../../components/icons';
import { type FolderCountStore, useFolderCount } from './folder-count-store';

/** One tree node: where it sits in the tree, for aria-level/setsize/posinset. */
export interface TreeNode {
  folder: Folder;
  level: number;
  hasChildren: boolean;
  setSize: number;
  posInSet: number;
}

export interface FolderRowProps {
  node: TreeNode;
  sourceId: string;
  counts: FolderCountStore;
  selected: boolean;
  /** Undefined for a folder without children. */
  expanded: boolean | undefined;
  tabStop: boolean;
  /** Where a virtualised tree places the row (px from the tree's top); undefined: in flow. */
  top: number | undefined;
  onRef: (id: string, el: HTMLLIElement | null) => void;
  onFocusRow: (id: string) => void;
  onActivate: (node: TreeNode) => void;
  onToggle: (id: string) => void;
}

/**
 * A folder of the tree. Memoised, with its counts read from the count store by the row itself: a
 * count arriving re-renders that row only, and the tree's own re-renders skip unchanged rows.
 */
export const FolderRow = memo(function FolderRow({
  node,
  sourceId,
  counts,
  selected,
  expanded,
  tabStop,
  top,
  onRef,
  onFocusRow,
  onActivate,
  onToggle,
}: FolderRowProps) {
  const { folder } = node;
  const count = useFolderCount(counts, sourceId, folder);
  const pending = folder.selectable && count === null;
  return (
    <li
      ref={(el) => onRef(folder.id, el)}
      role="treeitem"
      aria-level={node.level}
      aria-setsize={node.setSize}
      aria-posinset={node.posInSet}
      aria-expanded={expanded}
      aria-selected={selected}
      aria-disabled={folder.selectable ? undefined : true}
      aria-busy={pending || undefined}
      tabIndex={tabStop ? 0 : -1}
      className={`folder${selected ? ' is-selected' : ''}${folder.selectable ? '' : ' is-group'}${top === undefined ? '' : ' is-placed'}`}
      style={top === undefined ? undefined : { transform: `translateY(${top}px)` }}
      title={folder.selectable ? folder.path : `${folder.path} (groups other folders; holds no messages)`}
      data-counted={pending ? undefined : true}
      onFocus={() => onFocusRow(folder.id)}
      onClick={(event) => {
        event.stopPropagation();
        onFocusRow(folder.id);
        onActivate(node);
      }}
    >
      <span className="folder__row" style={{ paddingInlineStart: `${0.25 + (node.level - 1) * 0.9}rem` }}>
        {node.hasChildren ? (
          <span
            className={`folder__twisty${expanded ? ' is-expanded' : ''}`}
            aria-hidden="true"
            onClick={(event) => {
              event.stopPropagation();
              onToggle(folder.id);
            }}
          >
            <ChevronIcon size={12} />
          </span>
        ) : (
          <span className="folder__twisty" aria-hidden="true" />
        )}
        <FolderRoleIcon folderRole={folder.role} className="folder__icon" />
        <span className="folder__name">{folder.name}</span>
        {count && count.unread > 0 ? (
          <span className="badge folder__badge">
            {formatCount(count.unread)}
            <span className="sr-only"> unread</span>
          </span>
        ) : null}
      </span>
    </li>
  );
});
