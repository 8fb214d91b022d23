import type { MessageView } from '../../../../shared/model';
import { cleanSenders, updateSettings } from '../../lib/settings';
import { ImageOffIcon } from '../../components/icons';

/** Whether the user's "Always for <sender>" list lets this message load remote content. */
export interface SenderPolicy {
  /** The From address, lower-cased ('' when there is none). */
  sender: string;
  /** The user allowed this address. */
  senderListed: boolean;
  /** The receiving server's DMARC result for the message ('none' without one). */
  dmarc: string;
  senderAuthenticated: boolean;
  /** Listed and authenticated: remote content loads without asking. */
  senderAllowed: boolean;
}

export function senderPolicy(view: MessageView, remoteSenders: readonly string[]): SenderPolicy {
  const sender = view.from[0]?.address.trim().toLowerCase() ?? '';
  const senderListed = sender !== '' && remoteSenders.includes(sender);
  const dmarcVerdict = view.authentication.verdicts.find((verdict) => verdict.method === 'dmarc');
  const dmarc = dmarcVerdict?.result ?? 'none';
  // Anyone can write a From address: "Always for" applies only when the receiving organisation's
  // own Authentication-Results say DMARC passed for that address's domain.
  const senderAuthenticated =
    dmarc === 'pass' &&
    (!dmarcVerdict?.domain ||
      dmarcVerdict.domain.toLowerCase() === sender.slice(sender.lastIndexOf('@') + 1));
  return {
    sender,
    senderListed,
    dmarc,
    senderAuthenticated,
    senderAllowed: senderListed && senderAuthenticated,
  };
}

interface RemoteBannerProps {
  policy: SenderPolicy;
  /** Remote images and styles the sanitiser blocked. */
  remoteCount: number;
  remoteSenders: readonly string[];
  /** Load this message's remote content. */
  onAllow: () => void;
  /** After a choice the banner goes away: where the keyboard goes (the message body). */
  onDone: () => void;
}

/** Remote content blocked: how much, why, and the choice to load it here or always for the sender. */
export function RemoteBanner({ policy, remoteCount, remoteSenders, onAllow, onDone }: RemoteBannerProps) {
  const { sender, senderListed, dmarc, senderAuthenticated } = policy;
  return (
    <div className="remote-banner" role="status" data-testid="remote-banner">
      <ImageOffIcon className="remote-banner__icon" />
      <p className="remote-banner__text">
        Remote content blocked to protect your privacy
        <span className="remote-banner__detail">
          {remoteCount === 1 ? '1 remote image or style' : `${remoteCount} remote images and styles`} could
          tell the sender when and where this message was read.
        </span>
        {senderListed ? (
          <span className="remote-banner__detail" data-testid="remote-unauthenticated">
            You allowed {sender}, but the receiving server did not authenticate this message as theirs (DMARC:{' '}
            {dmarc}): anyone can write that address, so it is blocked here.
          </span>
        ) : null}
      </p>
      <button
        type="button"
        className="button"
        onClick={() => {
          onAllow();
          onDone();
        }}
      >
        Load remote content
      </button>
      {sender && !senderListed ? (
        <button
          type="button"
          className="button button--quiet"
          data-testid="remote-always"
          title={
            senderAuthenticated
              ? `Messages from ${sender} will load remote content without asking. View settings lists the senders you allowed.`
              : `The sender's address is not authenticated (DMARC: ${dmarc}): anyone can write it on a message. Loads this message's remote content; later messages from ${sender} load theirs without asking only when their DMARC passes.`
          }
          onClick={() => {
            // Unauthenticated, the list would not apply to this very message: load it as asked.
            if (!senderAuthenticated) onAllow();
            updateSettings({ remoteSenders: cleanSenders([...remoteSenders, sender]) });
            onDone();
          }}
        >
          Always for {sender}
          {senderAuthenticated ? null : <span className="remote-banner__warning"> (not authenticated)</span>}
        </button>
      ) : null}
    </div>
  );
}

/** Remote content loaded because the user allowed the sender, and the way to take that back. */
export function RemoteAllowedNote({
  sender,
  remoteSenders,
}: {
  sender: string;
  remoteSenders: readonly string[];
}) {
  return (
    <p className="remote-allowed" data-testid="remote-allowed">
      Remote content loaded: you allowed it for {sender}.{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => updateSettings({ remoteSenders: remoteSenders.filter((entry) => entry !== sender) })}
      >
        Stop allowing
      </button>
    </p>
  );
}
