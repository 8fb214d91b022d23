const GT = 0x3e;
const LF = 0x0a;
const FROM_ = Buffer.from('From ');

/**
 * Undoes mboxrd quoting: a line matching `^>+From ` loses one `>`, so `>From ` (written to keep a
 * body line from looking like a separator) reads back as `From `, and `>>From ` as `>From `.
 * Returns the same buffer when there is nothing to undo.
 */
export function unescapeMboxrd(message: Buffer): Buffer {
  if (message.indexOf('>From ') === -1) return message;
  const pieces: Buffer[] = [];
  let copyFrom = 0;
  for (let lineStart = 0; lineStart < message.length;) {
    if (message[lineStart] === GT && isQuotedFrom(message, lineStart)) {
      pieces.push(message.subarray(copyFrom, lineStart));
      copyFrom = lineStart + 1;
    }
    const newline = message.indexOf(LF, lineStart);
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  pieces.push(message.subarray(copyFrom));
  return Buffer.concat(pieces);
}

function isQuotedFrom(message: Buffer, lineStart: number): boolean {
  let index = lineStart;
  while (message[index] === GT) index++;
  return message.subarray(index, index + FROM_.length).equals(FROM_);
}
