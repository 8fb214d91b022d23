import { chownSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Harness } from '../../electron/harness/server';
import { type Bed, expect, testbed } from './fixtures';
import { harnessCall } from './harness-call';

/** Shared-mailbox set-up for specs about browsing, not about the wizard (profiles.spec.ts is). */

/** Saves a client-secret IMAP profile for the bed's mailbox through the API. */
export async function saveProfile(harness: Harness, bed: Bed, mailbox: string, name: string) {
  await saveServerProfile(harness, bed, {
    name,
    mailbox,
    server: { host: bed.imap.host, port: bed.imap.tlsPort },
  });
}

async function saveServerProfile(
  harness: Harness,
  bed: Bed,
  profile: { name: string; mailbox: string; server: { host: string; port: number } },
) {
  const C = (await testbed()).CONTOSO;
  await harnessCall(harness, 'profiles.save', {
    draft: {
      name: profile.name,
      mailbox: profile.mailbox,
      protocol: 'imap',
      server: { ...profile.server, tlsMode: 'implicit' },
      cloud: { kind: 'custom', authorityHost: bed.identity.host, exchangeHost: 'outlook.office365.com' },
      tenant: C.tenantId,
      clientId: C.readerClientId,
      credential: 'client-secret',
    },
    secret: { kind: 'client-secret', value: C.readerSecret.value },
  });
}

/** Saves a client-secret profile for a mailbox on `server` through the API and opens it in the page. */
async function saveAndOpen(
  page: Page,
  harness: Harness,
  bed: Bed,
  profile: { name: string; mailbox: string; server: { host: string; port: number } },
) {
  await saveServerProfile(harness, bed, profile);
  await page.goto(harness.url);
  await page
    .getByRole('button', { name: new RegExp(profile.name.replace(/[()]/g, '\\$&')) })
    .first()
    .click();
  await page.getByRole('button', { name: 'Open mailbox' }).click();
}

/** Saves a client-secret profile for the bed's mailbox through the API and opens it in the page. */
export async function openMailbox(page: Page, harness: Harness, bed: Bed, mailbox: string, name: string) {
  await saveAndOpen(page, harness, bed, {
    name,
    mailbox,
    server: { host: bed.imap.host, port: bed.imap.tlsPort },
  });
  await expect(page.getByTestId('folder-tree').getByRole('treeitem', { name: /inbox/i })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByTestId('message-list').getByRole('option').first()).toBeVisible();
}

/** Delivers like an MTA: a file in the mailbox's new/, owned by the mail user. */
export function deliver(
  bed: Bed,
  mailbox: string,
  subject: string,
  body = 'Delivered while Mailscope was watching.',
): void {
  const text = [
    'From: Northwind Monitoring <monitor@northwind.example>',
    `To: ${mailbox}`,
    `Subject: ${subject}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${subject.replace(/\W+/g, '.')}@northwind.example>`,
    '',
    body,
    '',
  ].join('\r\n');
  const inbox = bed.maildir(mailbox);
  const owner = statSync(join(inbox, 'cur'));
  const file = join(
    inbox,
    'new',
    `${Math.floor(Date.now() / 1000)}.M${Date.now() % 1e6}P1.e2e,S=${text.length}`,
  );
  writeFileSync(file, text);
  chownSync(file, owner.uid, owner.gid);
}

export const rows = (page: Page) => page.getByTestId('message-list').getByRole('option');
export const readerSubject = (page: Page) => page.getByTestId('reader').getByRole('heading', { level: 2 });

/** `count` folders, a tenth of them nested, INBOX empty (the scripted server lists no messages). */
export function bigFolders(count: number): { path: string; messages: number; unseen: number }[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `Project ${String(i).padStart(3, '0')}`;
    const path =
      i === 0 ? 'INBOX' : i % 10 === 0 ? `Project ${String(i - 1).padStart(3, '0')}/${name}` : name;
    return { path, messages: i === 0 ? 0 : 3 + (i % 17), unseen: i === 0 ? 0 : i % 4 };
  });
}

/** Saves a profile for the scripted Exchange server and opens it. */
export async function openExchangeMailbox(page: Page, harness: Harness, bed: Bed) {
  const exchange = bed.exchange;
  if (!exchange) throw new Error('the bed has no scripted Exchange server');
  const C = (await testbed()).CONTOSO;
  await saveAndOpen(page, harness, bed, {
    name: 'Archive (Exchange)',
    mailbox: C.invoices,
    server: { host: '127.0.0.1', port: exchange.imapPort },
  });
}
