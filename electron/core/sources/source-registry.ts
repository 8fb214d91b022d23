import { randomUUID } from 'node:crypto';
import type { SourceSummary } from '../../../shared/model';
import { AppError } from '../common/app-error';
import type { EventHub } from '../events/event-hub';
import { listCapabilitiesOf } from '../list-capabilities';
import type { MailSource } from '../common/source';

/**
 * The open sources, by random ids, never by their paths, so nothing the renderer sends is used as a
 * path except the one it asks to open. Each is known by what it was opened from (its origin), so a
 * second open of the same thing returns the first, and its events go to the hub under its id.
 */
export class SourceRegistry {
  private readonly sources = new Map<string, MailSource>();
  private readonly unsubscribe = new Map<string, () => void>();
  /** What each open (or opening) source was opened from, so a second open returns the first. */
  private readonly byOrigin = new Map<string, Promise<string>>();
  private readonly originOf = new Map<string, string>();

  constructor(private readonly events: EventHub) {}

  async open(origin: string, create: () => Promise<MailSource>): Promise<SourceSummary> {
    let pending = this.byOrigin.get(origin);
    if (!pending) {
      pending = create().then((source) => {
        const id = randomUUID();
        this.sources.set(id, source);
        this.originOf.set(id, origin);
        const stop = source.subscribe?.((event) => this.events.publish({ ...event, sourceId: id }));
        if (stop) this.unsubscribe.set(id, stop);
        return id;
      });
      this.byOrigin.set(origin, pending);
      // A failed open must not block a later attempt (after the user allows a large file, say).
      pending.catch(() => this.byOrigin.delete(origin));
    }
    const id = await pending;
    return this.summarise(id);
  }

  /** The open source, or UNKNOWN_SOURCE. */
  sourceOf = (id: string): MailSource => {
    const source = this.sources.get(id);
    if (!source) throw new AppError('UNKNOWN_SOURCE');
    return source;
  };

  /** Forgets an open source everywhere it is known, and ends its session; false if it was not open. */
  async close(id: string): Promise<boolean> {
    const source = this.sources.get(id);
    if (!source) return false;
    this.sources.delete(id);
    this.unsubscribe.get(id)?.();
    this.unsubscribe.delete(id);
    this.byOrigin.delete(this.originOf.get(id) ?? '');
    this.originOf.delete(id);
    await source.close();
    return true;
  }

  /** Closes whatever is open (or opening) from `origin`; nothing if nothing is. */
  async closeOrigin(origin: string): Promise<void> {
    const id = await this.byOrigin.get(origin)?.catch(() => null);
    if (id) await this.close(id);
  }

  async summarise(id: string, source: MailSource = this.sourceOf(id)): Promise<SourceSummary> {
    return {
      id,
      kind: source.kind,
      name: source.name,
      location: source.location,
      folders: await source.listFolders(),
      notices: [...source.notices],
      list: listCapabilitiesOf(source),
    };
  }
}

/** The origin of a profile's mailbox in the registry. */
export const profileOrigin = (profileId: string): string => `profile:${profileId}`;
