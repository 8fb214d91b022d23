import { useState } from 'react';
import type { Address, MessageView } from '../../../../shared/model';
import { formatFullDate, subjectLabel } from '../../components/format';
import { formatTimestamp } from './inspection-format';

/** The message's subject, sender with avatar, recipients (long lists collapsed) and date. */
export function MessageHeader({ view, subjectId }: { view: MessageView; subjectId: string }) {
  return (
    <header className="message-header">
      <h2
        id={subjectId}
        dir="auto"
        className={`message-header__subject${view.subject.trim() ? '' : ' is-empty'}`}
      >
        {subjectLabel(view.subject)}
      </h2>
      <div className="message-header__meta">
        <Avatar from={view.from[0]} />
        <div className="message-header__people">
          <p className="message-header__from">
            {view.from.length ? (
              <AddressList addresses={view.from} emphasiseName />
            ) : (
              <span className="muted">(no sender)</span>
            )}
          </p>
          <dl className="message-header__recipients">
            <RecipientRow label="To" addresses={view.to} />
            <RecipientRow label="Cc" addresses={view.cc} />
            <RecipientRow label="Bcc" addresses={view.bcc} />
            <RecipientRow label="Reply-To" addresses={view.replyTo} />
          </dl>
        </div>
        <time
          className="message-header__date"
          dateTime={view.date ?? undefined}
          title={view.date ? formatTimestamp(view.date) : 'The message has no parsable date'}
        >
          {formatFullDate(view.date)}
        </time>
      </div>
    </header>
  );
}

const COLLAPSE_AFTER = 3;

function RecipientRow({ label, addresses }: { label: string; addresses: readonly Address[] }) {
  const [expanded, setExpanded] = useState(false);
  if (addresses.length === 0) return null;
  const long = addresses.length > COLLAPSE_AFTER + 1;
  const shown = long && !expanded ? addresses.slice(0, COLLAPSE_AFTER) : addresses;
  return (
    <div className="recipient-row">
      <dt>{label}</dt>
      <dd>
        <AddressList addresses={shown} />
        {long ? (
          <button
            type="button"
            className="link-button"
            aria-expanded={expanded}
            onClick={() => setExpanded(!expanded)}
          >
            {expanded ? 'Show less' : `and ${addresses.length - COLLAPSE_AFTER} more`}
          </button>
        ) : null}
      </dd>
    </div>
  );
}

function AddressList({
  addresses,
  emphasiseName = false,
}: {
  addresses: readonly Address[];
  emphasiseName?: boolean;
}) {
  return (
    <>
      {addresses.map((address, index) => (
        <span key={index} className="address">
          {address.name ? (
            <bdi className={emphasiseName ? 'address__name address__name--strong' : 'address__name'}>
              {address.name}
            </bdi>
          ) : null}
          {address.address ? (
            <span className={address.name ? 'address__email' : 'address__email address__email--alone'}>
              {address.name ? `<${address.address}>` : address.address}
            </span>
          ) : null}
          {index < addresses.length - 1 ? <span className="address__sep">, </span> : null}
        </span>
      ))}
    </>
  );
}

const AVATAR_HUES = [210, 340, 160, 30, 265, 190, 0, 120, 290, 45];

/** Initials on a colour derived from the address, so the same sender always looks the same. */
function Avatar({ from }: { from: Address | undefined }) {
  const source = from?.name.trim() || from?.address.trim() || '?';
  const words = source
    .replace(/[<>"@._-]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const first = (word: string | undefined) => Array.from(word ?? '')[0] ?? '';
  const initials = (
    words.length > 1 ? first(words[0]) + first(words[1]) : Array.from(source).slice(0, 2).join('')
  ).toUpperCase();
  let hash = 0;
  for (const ch of from?.address ?? source) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const hue = AVATAR_HUES[hash % AVATAR_HUES.length] ?? 210;
  return (
    <span className="avatar" aria-hidden="true" style={{ backgroundColor: `hsl(${hue} 42% 38%)` }}>
      {initials}
    </span>
  );
}
