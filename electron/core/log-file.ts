import { appendFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from './auth/redact';
import type { LogWriter } from './log';

/**
 * The log a user can send: internal errors and caught faults, one line each, in a folder the host
 * provides (Electron's logs folder, the harness's profiles folder). Every line goes through
 * `redact` here, whatever the caller did, because this file is meant to leave the machine. It
 * rotates so it never grows past about `maxBytes` times `keep + 1`.
 */

export interface LogFileOptions {
  /** The folder the host provides; created when missing. */
  folder: string;
  /** The current file's name (default `mailscope.log`); older ones get `.1`, `.2`. */
  name?: string;
  /** Size at which the current file is rotated (default 1 MB). */
  maxBytes?: number;
  /** How many previous files are kept (default 2). */
  keep?: number;
  /** The time stamp of each line (default now); tests pass a fixed one. */
  now?: () => Date;
}

export interface LogFile {
  readonly folder: string;
  readonly path: string;
  /** Appends one redacted, time-stamped line. Never throws: a full disk must not break the app. */
  write: LogWriter;
  /** The last `count` lines, oldest first, across the current and the previous files. */
  tail(count: number): string[];
}

export function createLogFile(options: LogFileOptions): LogFile {
  const name = options.name ?? 'mailscope.log';
  const maxBytes = options.maxBytes ?? 1_000_000;
  const keep = options.keep ?? 2;
  const now = options.now ?? (() => new Date());
  const path = join(options.folder, name);
  const previous = (n: number) => `${path}.${n}`;

  const sizeOf = (file: string) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  };
  const rotate = () => {
    rmSync(previous(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) if (sizeOf(previous(n))) renameSync(previous(n), previous(n + 1));
    if (keep > 0) renameSync(path, previous(1));
    else rmSync(path, { force: true });
  };
  const readLines = (file: string) => {
    try {
      return readFileSync(file, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };

  return {
    folder: options.folder,
    path,
    write(line) {
      // One entry stays one line, so a reader of the file (and `tail`) cannot be misled by a
      // multi-line stack: its lines are joined with a visible separator.
      const entry = `${now().toISOString()} ${redact(line).replace(/\r?\n\s*/g, ' ⏎ ')}\n`;
      try {
        mkdirSync(options.folder, { recursive: true });
        if (sizeOf(path) + Buffer.byteLength(entry) > maxBytes && sizeOf(path) > 0) rotate();
        appendFileSync(path, entry, { mode: 0o600 });
      } catch {
        // Nowhere to report it but the console, which the caller writes to as well.
      }
    },
    tail(count) {
      let lines = readLines(path);
      for (let n = 1; n <= keep && lines.length < count; n++) lines = [...readLines(previous(n)), ...lines];
      return lines.slice(-count).map(redact);
    },
  };
}

/** A writer to the console and the log file both: the console for developers, the file for users. */
export function teeToLogFile(file: LogFile | undefined, console: LogWriter): LogWriter {
  return (line) => {
    console(line);
    file?.write(line);
  };
}
