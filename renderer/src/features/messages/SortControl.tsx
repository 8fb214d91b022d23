import { useId, useState } from 'react';
import {
  DEFAULT_SORT_ORDER,
  type ListCapabilities,
  type ListSort,
  type SortKey,
  type SortOrder,
} from '../../../../shared/model';
import { ChevronIcon, InfoIcon, SortIcon } from '../../components/icons';
import { MenuButton, type MenuGroup } from '../../components/MenuButton';
import { Notice } from '../../components/Notice';

/**
 * The list's order: a menu of keys and directions offering only what the mailbox can do (its
 * ListCapabilities). Where it can do nothing but newest first (IMAP, POP3) it says so instead, and
 * the info button tells why, in the source's own words.
 */

const KEY_LABELS: Record<SortKey, string> = {
  date: 'Date',
  from: 'Sender',
  subject: 'Subject',
  size: 'Size',
};

const ORDER_LABELS: Record<SortKey, { asc: string; desc: string }> = {
  date: { desc: 'Newest first', asc: 'Oldest first' },
  from: { asc: 'A to Z', desc: 'Z to A' },
  subject: { asc: 'A to Z', desc: 'Z to A' },
  size: { desc: 'Largest first', asc: 'Smallest first' },
};

/** The user's chosen order if this mailbox offers it; undefined means newest first. */
export function supportedSort(wanted: ListSort, capabilities: ListCapabilities): ListSort | undefined {
  if (!capabilities.sortKeys.includes(wanted.key)) return undefined;
  if (!capabilities.reversible && wanted.order !== DEFAULT_SORT_ORDER[wanted.key]) return undefined;
  if (wanted.key === 'date' && wanted.order === 'desc') return undefined;
  return wanted;
}

/** "sorted by subject, A to Z": for the list's accessible name. */
export function describeSort(sort: ListSort): string {
  return `sorted by ${KEY_LABELS[sort.key].toLowerCase()}, ${ORDER_LABELS[sort.key][sort.order].toLowerCase()}`;
}

interface SortControlProps {
  /** In effect (undefined: newest first). */
  sort: ListSort | undefined;
  capabilities: ListCapabilities;
  /** The user asked for preview lines: if this mailbox has none, the note should be easy to find. */
  previewWanted: boolean;
  onChange: (sort: ListSort) => void;
}

export function SortControl({ sort, capabilities, previewWanted, onChange }: SortControlProps) {
  const [showNote, setShowNote] = useState(false);
  const noteId = useId();
  const current = sort ?? { key: 'date' as const, order: 'desc' as const };
  const choosable = capabilities.sortKeys.length > 1 || capabilities.reversible;
  const missingPreview = previewWanted && !capabilities.preview;
  const orderLabel = ORDER_LABELS[current.key][current.order];
  const summary = `${KEY_LABELS[current.key]}, ${orderLabel.toLowerCase()}`;

  const groups: MenuGroup[] = [
    {
      label: 'Sort by',
      choices: capabilities.sortKeys.map((key) => ({
        id: key,
        label: KEY_LABELS[key],
        checked: key === current.key,
        onSelect: () => {
          if (key !== current.key) onChange({ key, order: DEFAULT_SORT_ORDER[key] });
        },
      })),
    },
  ];
  if (capabilities.reversible) {
    const orders: SortOrder[] =
      DEFAULT_SORT_ORDER[current.key] === 'desc' ? ['desc', 'asc'] : ['asc', 'desc'];
    groups.push({
      label: 'Order',
      choices: orders.map((order) => ({
        id: order,
        label: ORDER_LABELS[current.key][order],
        checked: order === current.order,
        onSelect: () => {
          if (order !== current.order) onChange({ key: current.key, order });
        },
      })),
    });
  }

  return (
    <>
      <div className="list-toolbar" data-testid="list-toolbar">
        {choosable ? (
          <MenuButton
            label={`Sort: ${summary}`}
            title="Change the order of the list"
            groups={groups}
            className="button button--quiet list-toolbar__sort"
            testId="sort-menu"
          >
            <SortIcon size={14} descending={current.order === 'desc'} />
            <span className="list-toolbar__sort-text">{summary}</span>
            <ChevronIcon size={10} className="list-toolbar__chevron" />
          </MenuButton>
        ) : (
          <span className="list-toolbar__fixed" data-testid="sort-fixed">
            <SortIcon size={14} descending />
            {summary}
          </span>
        )}
        {capabilities.note ? (
          <button
            type="button"
            className={`icon-button icon-button--small list-toolbar__why${missingPreview ? ' is-attention' : ''}`}
            aria-label={
              missingPreview
                ? 'Why there is no other order or preview line here'
                : 'Why there is no other order here'
            }
            title="Why?"
            aria-expanded={showNote}
            aria-controls={showNote ? noteId : undefined}
            data-testid="sort-why"
            onClick={() => setShowNote(!showNote)}
          >
            <InfoIcon size={14} />
          </button>
        ) : null}
      </div>
      {capabilities.note && showNote ? (
        <div id={noteId} className="list-toolbar__note">
          <Notice
            tone="info"
            compact
            live="none"
            testId="sort-note"
            title={choosable ? 'Some orders are not offered here' : `Listed ${orderLabel.toLowerCase()} only`}
            hint={capabilities.note}
            onDismiss={() => setShowNote(false)}
            dismissLabel="Hide this explanation"
          />
        </div>
      ) : null}
    </>
  );
}
