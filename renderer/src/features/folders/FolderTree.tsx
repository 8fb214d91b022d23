import { type KeyboardEvent, useMemo, useRef, useState } from 'react';
import type { Folder } from '../../../../shared/model';
import { formatCount } from '../../components/format';
import { ChevronIcon, FolderRoleIcon } from '../../components/icons';
import './folder-tree.css';
import { refInto, withMember } from '../../lib/tree-state';

/**
 * One source's folders as an ARIA tree (APG "tree view"): rendered flat, in the order the engine
 * gives (parents before children), with aria-level/setsize/posinset carrying the structure, and a
 * roving tabindex so the whole tree is one Tab stop. Selection follows focus, the way mail clients'
 * folder panes behave; folders that only group others can be focused and expanded but not opened.
 */

interface FolderTreeProps {
  label: string;
  folders: readonly Folder[];
  selectedId: string | null;
  onSelect: (folder: Folder) => void;
}

interface Node {
  folder: Folder;
  level: number;
  hasChildren: boolean;
  setSize: number;
  posInSet: number;
}

function buildNodes(folders: readonly Folder[]): Node[] {
  const byId = new Map(folders.map((f) => [f.id, f]));
  const children = new Map<string | null, Folder[]>();
  for (const folder of folders) {
    // A parent the engine did not list is treated as the root, so no folder ever disappears.
    const parent = folder.parentId !== null && byId.has(folder.parentId) ? folder.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(folder);
    children.set(parent, list);
  }
  const nodes: Node[] = [];
  const visit = (parent: string | null, level: number, seen: Set<string>) => {
    const list = children.get(parent) ?? [];
    list.forEach((folder, index) => {
      if (seen.has(folder.id)) return;
      seen.add(folder.id);
      const kids = children.get(folder.id) ?? [];
      nodes.push({ folder, level, hasChildren: kids.length > 0, setSize: list.length, posInSet: index + 1 });
      visit(folder.id, level + 1, seen);
    });
  };
  visit(null, 1, new Set());
  return nodes;
}

export function FolderTree({ label, folders, selectedId, onSelect }: FolderTreeProps) {
  const nodes = useMemo(() => buildNodes(folders), [folders]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [focusId, setFocusId] = useState<string | null>(null);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const parentOf = useMemo(() => new Map(folders.map((f) => [f.id, f.parentId])), [folders]);

  const visible = useMemo(() => {
    const out: Node[] = [];
    const hiddenUnder = new Set<string>();
    for (const node of nodes) {
      const parent = node.folder.parentId;
      if (parent !== null && (hiddenUnder.has(parent) || collapsed.has(parent))) {
        hiddenUnder.add(node.folder.id);
        continue;
      }
      out.push(node);
    }
    return out;
  }, [nodes, collapsed]);

  const tabStop =
    visible.find((n) => n.folder.id === focusId)?.folder.id ??
    visible.find((n) => n.folder.id === selectedId)?.folder.id ??
    visible[0]?.folder.id ??
    null;

  const focusNode = (node: Node | undefined) => {
    if (!node) return;
    setFocusId(node.folder.id);
    itemRefs.current.get(node.folder.id)?.focus();
    if (node.folder.selectable && node.folder.id !== selectedId) onSelect(node.folder);
  };

  const setExpanded = (id: string, expanded: boolean) =>
    setCollapsed((prev) => withMember(prev, id, !expanded));

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const index = visible.findIndex((n) => n.folder.id === tabStop);
    const node = visible[index];
    if (!node) return;
    const expanded = node.hasChildren && !collapsed.has(node.folder.id);
    switch (event.key) {
      case 'ArrowDown':
        focusNode(visible[index + 1]);
        break;
      case 'ArrowUp':
        focusNode(visible[index - 1]);
        break;
      case 'Home':
        focusNode(visible[0]);
        break;
      case 'End':
        focusNode(visible[visible.length - 1]);
        break;
      case 'ArrowRight':
        if (node.hasChildren && !expanded) setExpanded(node.folder.id, true);
        else if (expanded) focusNode(visible[index + 1]);
        break;
      case 'ArrowLeft': {
        if (expanded) {
          setExpanded(node.folder.id, false);
          break;
        }
        const parent = parentOf.get(node.folder.id);
        focusNode(visible.find((n) => n.folder.id === parent));
        break;
      }
      case 'Enter':
      case ' ':
        if (node.folder.selectable) onSelect(node.folder);
        else if (node.hasChildren) setExpanded(node.folder.id, !expanded);
        break;
      case '*': {
        // APG: expand all siblings of the focused node.
        const siblings = visible.filter((n) => n.folder.parentId === node.folder.parentId && n.hasChildren);
        setCollapsed((prev) => {
          const next = new Set(prev);
          for (const s of siblings) next.delete(s.folder.id);
          return next;
        });
        break;
      }
      default: {
        // Type-ahead: the next folder whose name starts with the typed character.
        if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
        const ch = event.key.toLocaleLowerCase();
        const order = [...visible.slice(index + 1), ...visible.slice(0, index + 1)];
        const match = order.find((n) => n.folder.name.toLocaleLowerCase().startsWith(ch));
        if (!match) return;
        focusNode(match);
      }
    }
    event.preventDefault();
  };

  return (
    <ul className="folder-tree" role="tree" aria-label={label} onKeyDown={onKeyDown}>
      {visible.map((node) => {
        const { folder } = node;
        const selected = folder.id === selectedId;
        const expanded = node.hasChildren ? !collapsed.has(folder.id) : undefined;
        return (
          <li
            key={folder.id}
            ref={refInto(itemRefs, folder.id)}
            role="treeitem"
            aria-level={node.level}
            aria-setsize={node.setSize}
            aria-posinset={node.posInSet}
            aria-expanded={expanded}
            aria-selected={selected}
            aria-disabled={folder.selectable ? undefined : true}
            tabIndex={folder.id === tabStop ? 0 : -1}
            className={`folder${selected ? ' is-selected' : ''}${folder.selectable ? '' : ' is-group'}`}
            title={
              folder.selectable ? folder.path : `${folder.path} (groups other folders; holds no messages)`
            }
            onFocus={() => setFocusId(folder.id)}
            onClick={(event) => {
              event.stopPropagation();
              setFocusId(folder.id);
              if (folder.selectable) onSelect(folder);
              else if (node.hasChildren) setExpanded(folder.id, !expanded);
            }}
          >
            <span
              className="folder__row"
              style={{ paddingInlineStart: `${0.25 + (node.level - 1) * 0.9}rem` }}
            >
              {node.hasChildren ? (
                <span
                  className={`folder__twisty${expanded ? ' is-expanded' : ''}`}
                  aria-hidden="true"
                  onClick={(event) => {
                    event.stopPropagation();
                    setExpanded(folder.id, !expanded);
                  }}
                >
                  <ChevronIcon size={12} />
                </span>
              ) : (
                <span className="folder__twisty" aria-hidden="true" />
              )}
              <FolderRoleIcon folderRole={folder.role} className="folder__icon" />
              <span className="folder__name">{folder.name}</span>
              {folder.unread > 0 ? (
                <span className="badge folder__badge">
                  {formatCount(folder.unread)}
                  <span className="sr-only"> unread</span>
                </span>
              ) : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
