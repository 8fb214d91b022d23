import type { MessageView } from '../../../shared/model';
import type { MailSource } from '../common/source';
import { type Layer, layerOf, openAttached } from './layer';

export interface MessageRef {
  readonly sourceId: string;
  readonly folderId: string;
  readonly messageId: string;
}

/** Outer messages kept in memory so moving between attached messages never fetches again. */
const MAX_KEPT = 4;
const MAX_KEPT_BYTES = 128 * 1024 * 1024;

/**
 * Attached messages of the messages the reader has open. The outer message's bytes are read once
 * through the source (IMAP BODY.PEEK, a local file) and kept for the last few messages, so opening
 * an attached message, going back, saving its parts and opening the next one work on bytes already
 * fetched. Views at every depth come from the same parsers as the outer message's.
 */
export class AttachedMessages {
  private readonly kept = new Map<string, Buffer>();

  constructor(private readonly sourceOf: (id: string) => MailSource) {}

  /** Keeps bytes fetched elsewhere (a big message's tracked download) for later attached opens. */
  remember(ref: MessageRef, raw: Buffer): void {
    const key = keyOf(ref);
    this.kept.delete(key);
    this.kept.set(key, raw);
    let total = 0;
    for (const bytes of this.kept.values()) total += bytes.length;
    for (const [oldest, bytes] of this.kept) {
      if (this.kept.size <= MAX_KEPT && total <= MAX_KEPT_BYTES) break;
      if (oldest === key) break;
      this.kept.delete(oldest);
      total -= bytes.length;
    }
  }

  async layer(ref: MessageRef, attached: readonly string[]): Promise<Layer> {
    const format = this.sourceOf(ref.sourceId).itemFormat ?? 'eml';
    return openAttached(layerOf(format, await this.outer(ref)), attached);
  }

  async view(ref: MessageRef, attached: readonly string[]): Promise<MessageView> {
    const layer = await this.layer(ref, attached);
    return layer.view({
      id: ref.messageId,
      folderId: ref.folderId,
      flags: { seen: true, flagged: false, answered: false, draft: false },
    });
  }

  private async outer(ref: MessageRef): Promise<Buffer> {
    const key = keyOf(ref);
    const kept = this.kept.get(key);
    if (kept) {
      this.kept.delete(key);
      this.kept.set(key, kept);
      return kept;
    }
    const raw = await this.sourceOf(ref.sourceId).getRaw(ref.folderId, ref.messageId);
    this.remember(ref, raw);
    return raw;
  }
}

function keyOf(ref: MessageRef): string {
  return `${ref.sourceId}\u0000${ref.folderId}\u0000${ref.messageId}`;
}
