import { useVirtualizer } from '@tanstack/react-virtual';
import {
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Folder } from '../../../../shared/model';
import { useRemPixels } from '../../components/use-rem';
import type { FolderCountStore } from './folder-count-store';
import { FolderRow, type TreeNode } from './FolderRow';
import './folder-tree.css';

/**
 * One source's folders as an ARIA tree (APG "tree view"): rendered flat, in the order the engine
 * gives (parents before children), with aria-level/setsize/posinset carrying the structure, and a
 * roving tabindex so the whole tree is one Tab stop. Selection follows focus, the way mail clients'
 * folder panes behave; folders that only group others can be focused and expanded but not opened.
 */

interface FolderTreeProps {
  label: string;
  sourceId: string;
  folders: readonly Folder[];
  /** Counts that arrive after the tree (big IMAP mailboxes). */
  counts: FolderCountStore;
  selectedId: string | null;
  onSelect: (folder: Folder) => void;
  /**
   * The element that scrolls the tree (the sidebar's list of sources). With it, a tree of more
   * than VIRTUAL_ABOVE visible folders renders only the rows in view.
   */
  scrollRoot?: RefObject<HTMLElement | null>;
}

type Node = TreeNode;

/** Trees up to this many visible rows render whole; bigger ones render what is in view. */
export const VIRTUAL_ABOVE = 150;
/** Row height in rem (folder-tree.css .folder__row). */
const ROW_REM = 1.875;

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

export function FolderTree({
  label,
  sourceId,
  folders,
  counts,
  selectedId,
  onSelect,
  scrollRoot,
}: FolderTreeProps) {
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

  const rowPx = useRemPixels() * ROW_REM;
  const listRef = useRef<HTMLUListElement>(null);
  /** A row to focus as soon as the virtual tree renders it. */
  const pendingFocus = useRef<string | null>(null);
  const [margin, setMargin] = useState(0);
  const virtual = scrollRoot !== undefined && visible.length > VIRTUAL_ABOVE;
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design; its output is not memoised.
  const virtualizer = useVirtualizer({
    count: visible.length,
    enabled: virtual,
    getScrollElement: () => scrollRoot?.current ?? null,
    estimateSize: () => rowPx,
    overscan: 12,
    scrollMargin: margin,
  });
  // Where the tree starts inside the shared scroller (other sources and profiles sit above it):
  // measured after every render, since what sits above can change without this tree knowing.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- see above; setMargin only on a change
  useLayoutEffect(() => {
    const root = scrollRoot?.current;
    const list = listRef.current;
    if (!virtual || !root || !list) return;
    const offset = list.getBoundingClientRect().top - root.getBoundingClientRect().top + root.scrollTop;
    if (Math.abs(offset - margin) > 0.5) setMargin(offset);
  });
  const rows = virtual
    ? virtualizer.getVirtualItems().map((item) => ({ node: visible[item.index], top: item.start - margin }))
    : visible.map((node) => ({ node, top: undefined }));

  const focusNode = (node: Node | undefined) => {
    if (!node) return;
    setFocusId(node.folder.id);
    const element = itemRefs.current.get(node.folder.id);
    if (element) element.focus();
    else if (virtual) {
      // Not rendered yet: bring it into view; the row takes focus as it mounts (onRef).
      pendingFocus.current = node.folder.id;
      virtualizer.scrollToIndex(visible.indexOf(node), { align: 'auto' });
    }
    if (node.folder.selectable && node.folder.id !== selectedId) onSelect(node.folder);
  };

  const setExpanded = useCallback((id: string, expanded: boolean) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (expanded) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const onRef = useCallback((id: string, el: HTMLLIElement | null) => {
    if (!el) {
      itemRefs.current.delete(id);
      return;
    }
    itemRefs.current.set(id, el);
    if (pendingFocus.current === id) {
      pendingFocus.current = null;
      el.focus();
    }
  }, []);
  const onToggle = useCallback(
    (id: string) =>
      setCollapsed((prev) => {
        const next = new Set(prev);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  // The latest onSelect, so the rows' callback stays the same object and memo holds.
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const onActivate = useCallback(
    (node: Node) => {
      if (node.folder.selectable) selectRef.current(node.folder);
      else if (node.hasChildren) onToggle(node.folder.id);
    },
    [onToggle],
  );

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
    <ul
      ref={listRef}
      className={`folder-tree${virtual ? ' is-virtual' : ''}`}
      role="tree"
      aria-label={label}
      onKeyDown={onKeyDown}
      style={virtual ? { height: virtualizer.getTotalSize() } : undefined}
    >
      {rows.map(({ node, top }) =>
        node ? (
          <FolderRow
            key={node.folder.id}
            node={node}
            sourceId={sourceId}
            counts={counts}
            selected={node.folder.id === selectedId}
            expanded={node.hasChildren ? !collapsed.has(node.folder.id) : undefined}
            tabStop={node.folder.id === tabStop}
            top={top}
            onRef={onRef}
            onFocusRow={setFocusId}
            onActivate={onActivate}
            onToggle={onToggle}
          />
        ) : null,
      )}
    </ul>
  );
}
