import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHarnessApp } from '../../electron/harness/app';
import type { Harness } from '../../electron/harness/server';

/**
 * Fixtures for end-to-end tests in the browser harness:
 * - `harness`: the real app (service + harness) on a free loopback port, one per test;
 * - `app`: a page already opened on the harness URL;
 * - `remote`: a loopback HTTP listener that records every request, standing in for the internet,
 *   so tests can prove that nothing (tracking pixel, form post, iframe) reaches it;
 * - `workDir`: a temp folder for files a test writes (removed afterwards).
 */

export interface RemoteListener {
  readonly origin: string;
  readonly requests: { method: string; url: string }[];
}

interface Fixtures {
  harness: Harness;
  internalErrors: string[];
  remote: RemoteListener;
  workDir: string;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///ywAAAAAAQABAAACAUwAOw==', 'base64');

export const test = base.extend<Fixtures>({
  internalErrors: async ({}, use) => {
    const errors: string[] = [];
    await use(errors);
    expect(errors, 'the engine reported internal errors (bugs)').toEqual([]);
  },
  harness: async ({ internalErrors }, use) => {
    const harness = await startHarnessApp({
      largeFileBytes: 100 * 1024 * 1024,
      onInternalError: (method, error) => internalErrors.push(`${method}: ${String(error)}`),
    });
    await use(harness);
    await harness.close();
  },
  remote: async ({}, use) => {
    const requests: { method: string; url: string }[] = [];
    const server: Server = createServer((req: IncomingMessage, res) => {
      requests.push({ method: req.method ?? '', url: req.url ?? '' });
      res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
      res.end(GIF);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await use({ origin: `http://127.0.0.1:${port}`, requests });
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  },
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'mailscope-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
});

export { expect };

/** A minimal RFC 5322 message with CRLF line endings. */
export function message(options: { subject: string; html?: string; text?: string; from?: string }): string {
  const headers = [
    `From: ${options.from ?? 'Alerts <alerts@contoso.example>'}`,
    'To: Invoices <invoices@contoso.example>',
    `Subject: ${options.subject}`,
    'Date: Tue, 24 Nov 2026 09:30:00 +0000',
    `Message-ID: <${options.subject.replace(/\W+/g, '.')}@e2e.mailscope.invalid>`,
    'MIME-Version: 1.0',
  ];
  if (options.html !== undefined) {
    return [...headers, 'Content-Type: text/html; charset=utf-8', '', options.html, ''].join('\r\n');
  }
  return [...headers, 'Content-Type: text/plain; charset=utf-8', '', options.text ?? '', ''].join('\r\n');
}
