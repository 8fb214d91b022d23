import {
  type Attachment,
  type AttachmentStream,
  type MailParserOptions,
  MailParser,
  type MessageText,
  type ParsedMail,
} from 'mailparser';
import { inSlices } from './in-slices';

/**
 * mailparser's simpleParser, shaped for showing a message rather than keeping it. Measured on the
 * 25 MB, 20-attachment benchmark message (parse-25mb-rss), simpleParser's peak memory was about 4.5
 * times the message: it is handed the message as one buffer, so its splitter queues every line of it
 * at once, and it keeps every attachment's decoded bytes. Here the message goes in slices (in-slices.ts),
 * and an attachment's bytes are kept only when `keepContent` says the view needs them (an inline
 * image, say); the others are read through and counted, so their `size` is still exact, and their
 * `content` is empty. Everything else (headers, text, HTML, part ids) is exactly what simpleParser
 * gives, because it is the same MailParser underneath.
 */

/** What can be known of an attachment before its bytes are read. */
export type AttachmentHead = Pick<Attachment, 'contentType' | 'cid' | 'filename' | 'contentDisposition'>;

export function parseForView(
  raw: Buffer,
  options: MailParserOptions,
  keepContent: (attachment: AttachmentHead) => boolean,
): Promise<ParsedMail> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const attachments: Attachment[] = [];
    let text: MessageText | null = null;
    const parser = new MailParser(options);
    parser.on('error', fail);
    // Every callback below runs from a stream event, outside this promise: a throw there (a broken
    // header mailparser passes on as a non-string) would escape as an uncaught exception and leave
    // the promise pending forever. Each is guarded so it rejects this one message instead.
    const guarded =
      <A extends unknown[]>(callback: (...args: A) => void) =>
      (...args: A): void => {
        if (settled) return;
        try {
          callback(...args);
        } catch (error) {
          fail(error);
          parser.destroy();
        }
      };

    let reading = false;
    const read = (): void => {
      reading = true;
      for (;;) {
        const data = parser.read() as AttachmentStream | MessageText | null;
        if (data === null) {
          reading = false;
          return;
        }
        if (data.type === 'text') {
          text = data;
          continue;
        }
        collect(data);
        // The parser waits for release(); the next object comes once this one's content has ended.
        return;
      }
    };
    const collect = (stream: AttachmentStream) => {
      // A part whose Content-Type is empty or cut off reaches here without a type string.
      if (typeof stream.contentType !== 'string' || stream.contentType === '') {
        stream.contentType = 'application/octet-stream';
      }
      const keep = keepContent(stream);
      const chunks: Buffer[] = [];
      stream.content.on('error', fail);
      stream.content.on(
        'data',
        guarded((chunk: Buffer) => {
          if (keep) chunks.push(chunk);
        }),
      );
      stream.content.on(
        'end',
        guarded(() => {
          // size is set by mailparser as the content ends (decoded bytes, counted either way).
          const { content: _content, release, checksum, size, ...common } = stream;
          // mailparser's type says checksum is always a string; like simpleParser, leave it out when
          // checksumAlgo is false rather than invent one.
          const attachment = {
            ...common,
            content: keep ? Buffer.concat(chunks) : Buffer.alloc(0),
            release: null,
            size: size ?? 0,
            ...(checksum === undefined ? {} : { checksum }),
          } as Attachment;
          attachments.push(attachment);
          release?.();
          read();
        }),
      );
    };
    parser.on(
      'readable',
      guarded(() => {
        if (!reading) read();
      }),
    );
    parser.on(
      'end',
      guarded(() => {
        const headers = parser.headers || new Map();
        const mail: ParsedMail = {
          attachments,
          headers,
          headerLines: parser.headerLines || [],
          ...(text ? pickText(text) : {}),
        };
        // As simpleParser does: the common headers as fields.
        const named = [
          'subject',
          'references',
          'date',
          'to',
          'from',
          'cc',
          'bcc',
          'message-id',
          'in-reply-to',
          'reply-to',
        ];
        for (const key of named) {
          if (headers.has(key)) {
            Reflect.set(
              mail,
              key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()),
              headers.get(key),
            );
          }
        }
        settled = true;
        resolve(mail);
      }),
    );

    inSlices(raw).on('error', fail).pipe(parser);
  });
}

function pickText(
  text: MessageText,
): Pick<ParsedMail, 'text' | 'html' | 'textAsHtml' | 'textConversionError'> {
  return {
    ...(text.text !== undefined ? { text: text.text } : {}),
    ...(text.html !== undefined ? { html: text.html } : {}),
    ...(text.textAsHtml !== undefined ? { textAsHtml: text.textAsHtml } : {}),
    ...(text.textConversionError !== undefined ? { textConversionError: text.textConversionError } : {}),
  };
}
