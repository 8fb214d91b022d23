import type { Attachment as ParsedAttachment } from 'mailparser';
import { type ErrorInfo, errorInfo } from '../../../shared/errors';
import type { InlineImage } from '../../../shared/model';

export const MAX_INLINE_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_INLINE_TOTAL_BYTES = 20 * 1024 * 1024;

/** The lower-cased Content-IDs the HTML refers to as `cid:` URLs (the scheme the reader resolves). */
export function referencedContentIds(html: string | null): Set<string> {
  const ids = new Set<string>();
  if (!html) return ids;
  for (const match of html.matchAll(/cid:([^\s"'<>)]+)/gi)) {
    const reference = match[1] ?? '';
    ids.add(safeDecodeUri(reference).toLowerCase());
  }
  return ids;
}

/**
 * The images the HTML shows through `cid:`, as data: URLs the sandboxed reader can display without
 * any request. Each is capped at 5 MB and all together at 20 MB, so a hostile message cannot make
 * the renderer hold hundreds of megabytes of base64; what is skipped stays an attachment.
 */
export function inlineImages(
  attachments: readonly ParsedAttachment[],
  referenced: ReadonlySet<string>,
): { images: InlineImage[]; notices: ErrorInfo[] } {
  const images: InlineImage[] = [];
  const skipped: string[] = [];
  let total = 0;
  for (const attachment of attachments) {
    const cid = attachment.cid;
    // The type goes into a data: URL, so it must be a plain image type and nothing else.
    if (!cid || !referenced.has(cid.toLowerCase()) || !/^image\/[a-z0-9.+-]+$/i.test(attachment.contentType))
      continue;
    if (images.some((image) => image.contentId.toLowerCase() === cid.toLowerCase())) continue;
    const size = attachment.content.length;
    if (size > MAX_INLINE_IMAGE_BYTES || total + size > MAX_INLINE_TOTAL_BYTES) {
      skipped.push(cid);
      continue;
    }
    total += size;
    images.push({
      contentId: cid,
      dataUrl: `data:${attachment.contentType};base64,${attachment.content.toString('base64')}`,
    });
  }
  const notices =
    skipped.length === 0
      ? []
      : [
          errorInfo(
            'FILE_TOO_LARGE',
            `${skipped.length === 1 ? 'One image is' : `${skipped.length} images are`} too large to show inside the message (over 5 MB each, or 20 MB together).`,
            'They are still listed with the attachments.',
          ),
        ];
  return { images, notices };
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
