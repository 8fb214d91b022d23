import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';

/**
 * Marks a file Mailscope wrote from a message as having come from the internet, the way browsers and
 * mail clients do, so the OS's own defences apply when it is opened: Office Protected View,
 * SmartScreen and "this file came from the internet" prompts on Windows; Gatekeeper on macOS.
 * Resolves to false when the mark could not be written (a FAT drive has no alternate data streams,
 * say), true when it was written or the platform has none to write.
 */
export type MarkFile = (path: string) => Promise<boolean>;

/** What the writer needs from the machine, injected so each platform can be tested on any. */
export interface MarkDeps {
  readonly platform: NodeJS.Platform;
  writeFile(path: string, data: string): Promise<void>;
  run(command: string, args: readonly string[]): Promise<void>;
  now(): number;
  uuid(): string;
}

/** Internet zone (URLZONE_INTERNET): what Windows gives a file a browser downloaded. */
export const ZONE_IDENTIFIER = '[ZoneTransfer]\r\nZoneId=3\r\n';

/**
 * Quarantine flags as Safari writes them for a download (0x0083); macOS then runs its first-open
 * checks. The UUID names the event; nothing requires it to be in the QuarantineEvents database.
 */
export function quarantineValue(now: number, uuid: string): string {
  const seconds = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return `0083;${seconds};Mailscope;${uuid.toUpperCase()}`;
}

const nodeDeps: MarkDeps = {
  platform: process.platform,
  writeFile: (path, data) => writeFile(path, data, 'utf8'),
  run: (command, args) =>
    new Promise((resolve, reject) => {
      execFile(command, [...args], { timeout: 10_000, windowsHide: true }, (error) =>
        error ? reject(error) : resolve(),
      );
    }),
  now: Date.now,
  uuid: randomUUID,
};

export function markOfTheWeb(deps: MarkDeps = nodeDeps): MarkFile {
  return async (path) => {
    try {
      switch (deps.platform) {
        case 'win32':
          // An NTFS alternate data stream of the file itself, as Edge and Outlook write it.
          await deps.writeFile(`${path}:Zone.Identifier`, ZONE_IDENTIFIER);
          return true;
        case 'darwin':
          // Apple's own tool rather than a native module: no ABI to rebuild for Electron.
          await deps.run('/usr/bin/xattr', [
            '-w',
            'com.apple.quarantine',
            quarantineValue(deps.now(), deps.uuid()),
            path,
          ]);
          return true;
        default:
          // Linux desktops have no mark that their file managers or office suites act on.
          return true;
      }
    } catch {
      return false;
    }
  };
}
