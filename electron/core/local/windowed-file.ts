import { type FileHandle, open } from 'node:fs/promises';

/**
 * Reads many small ranges of one big file that are asked for roughly in file order (the header
 * sections of an mbox as its folder is listed) through one open file and a few 1 MiB windows,
 * instead of an open, a read and a close per range: listing a 100,000-message mbox went from
 * 400,000 file-system calls to about fifty reads. The file closes after a moment without reads, so
 * an idle mailbox holds no descriptor and a file replaced on disk is opened afresh next time.
 */

const WINDOW_BYTES = 1024 * 1024;
/** Out-of-order requests (reads run concurrently) must not make windows evict each other. */
const WINDOWS_KEPT = 4;
const IDLE_CLOSE_MS = 2000;

interface Window {
  readonly start: number;
  readonly bytes: Promise<Buffer>;
}

export class WindowedFile {
  private handle: Promise<FileHandle> | null = null;
  private mtime: number | null = null;
  private windows: Window[] = [];
  private inFlight = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly path: string) {}

  /** The file's modification time as of its last opening (epoch ms). */
  get mtimeMs(): number | null {
    return this.mtime;
  }

  /** Bytes [start, end) of the file (fewer at its end), as a buffer of their own. */
  async read(start: number, end: number): Promise<Buffer> {
    this.inFlight++;
    clearTimeout(this.idleTimer);
    try {
      const length = Math.max(0, end - start);
      let window = this.windows.find((w) => start >= w.start && end <= w.start + WINDOW_BYTES);
      if (!window || length > WINDOW_BYTES) {
        const fresh: Window = { start, bytes: this.readAt(start, Math.max(WINDOW_BYTES, length)) };
        if (length <= WINDOW_BYTES) {
          this.windows = [fresh, ...this.windows].slice(0, WINDOWS_KEPT);
          // A window that could not be read is not kept: the next request tries again.
          fresh.bytes.catch(() => {
            this.windows = this.windows.filter((w) => w !== fresh);
          });
        }
        window = fresh;
      }
      const bytes = await window.bytes;
      // A copy: a slice would keep the whole window alive for as long as its caller keeps it.
      return Buffer.from(bytes.subarray(start - window.start, start - window.start + length));
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.idleTimer = setTimeout(() => void this.close(), IDLE_CLOSE_MS).unref();
    }
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const handle = this.handle;
    this.handle = null;
    this.windows = [];
    await (await handle?.catch(() => null))?.close();
  }

  private async readAt(position: number, length: number): Promise<Buffer> {
    this.handle ??= open(this.path, 'r').then(async (handle) => {
      this.mtime = (await handle.stat()).mtimeMs;
      return handle;
    });
    const pending = this.handle;
    // A failed open must not stick: the next read tries again (the file may be back).
    pending.catch(() => {
      if (this.handle === pending) this.handle = null;
    });
    const handle = await pending;
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === length ? buffer : buffer.subarray(0, filled);
  }
}
