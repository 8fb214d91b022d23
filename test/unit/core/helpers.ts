import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';
import type { SignInService } from '../../../electron/core/auth/auth-methods';
import { AppError } from '../../../electron/core/common/app-error';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { ServiceOptions } from '../../../electron/core/service';

const created: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mailscope-test-'));
  created.push(dir);
  return dir;
}

/** Something a test made outside tempDir() (a folder the code under test chose), removed after it. */
export function removeAfterTest(path: string): void {
  created.push(path);
}

afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export interface MessageSpec {
  subject?: string;
  from?: string;
  to?: string;
  date?: string | null;
  messageId?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A small RFC 5322 message with CRLF line endings. */
export function message(spec: MessageSpec = {}): string {
  const lines = [
    `From: ${spec.from ?? 'Alice Example <alice@example.com>'}`,
    `To: ${spec.to ?? 'shared@example.com'}`,
    `Subject: ${spec.subject ?? 'Hello'}`,
  ];
  if (spec.date !== null) lines.push(`Date: ${spec.date ?? 'Mon, 01 Jan 2024 10:00:00 +0000'}`);
  if (spec.messageId) lines.push(`Message-ID: ${spec.messageId}`);
  for (const [name, value] of Object.entries(spec.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push('', spec.body ?? 'Body text.', '');
  return lines.join('\r\n');
}

/** Writes `content` at `path` (relative to `root`), creating directories on the way. */
export async function put(root: string, path: string, content: string | Buffer = ''): Promise<string> {
  const full = join(root, path);
  await mkdir(dirname(full), { recursive: true });
  await writeFile(full, content);
  return full;
}

/** An empty Maildir (cur/, new/, tmp/) at `path` under `root`. */
export async function maildir(root: string, path = ''): Promise<string> {
  const dir = join(root, path);
  await Promise.all(['cur', 'new', 'tmp'].map((part) => mkdir(join(dir, part), { recursive: true })));
  return dir;
}

/** The AppError a promise rejects with (fails the test if it resolves or throws something else). */
export async function appErrorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`);
  }
  throw new Error('expected the promise to reject');
}

/** A sign-in service none of whose flows a test expects to be used. */
export const unusedSignIn: SignInService = {
  idOf: (profile) => profile.id,
  start: () => Promise.reject(new Error('not used')),
  wait: () => Promise.reject(new Error('not used')),
  cancel: () => false,
  signOut: async () => false,
  forget: async () => false,
};

/** Options for a harness-hosted service over fresh temp folders; a test overrides what it exercises. */
export async function serviceOptions(overrides: Partial<ServiceOptions> = {}): Promise<ServiceOptions> {
  return {
    host: { kind: 'harness', version: '1.0.0', openExternal: async () => undefined },
    samplePath: await tempDir(),
    profiles: {
      profilesDir: await tempDir(),
      secrets: new MemorySecretStore(),
      probeKeychain: async () => ({ available: true }),
    },
    diagnose: () => Promise.reject(new Error('not used')),
    openMailbox: () => {
      throw new Error('not used');
    },
    signIn: unusedSignIn,
    ...overrides,
  };
}

/** The code of the AppError `run` throws, or 'no error' (for synchronous readers). */
export function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'no error';
}
