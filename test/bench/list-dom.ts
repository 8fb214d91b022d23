import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { defaultPaths, startHarnessApp } from '../../electron/harness/app';
import { MemorySecretStore } from '../../electron/core/secrets/secret-store';
import { ensureBenchMbox } from '../testbed/fixtures/bench-mbox';
import type { BenchResult } from './result';

/**
 * list-dom (DESIGN.md §6): the most message rows the page ever holds while a 100,000-message folder
 * is scrolled end to end in the browser harness with Debian Chromium; a count, target < 200.
 *
 * The folder is real: the bench mbox (the bench-100k messages as one mbox file, cached) opened as a
 * local source through the app's own Open dialog. A MutationObserver installed in the page counts
 * the rows after every change of the list, so no moment between samples is missed. The list is
 * scrolled with real input: the mouse wheel down to the last row and back up, then the keyboard
 * (End, Page Up/Down, Home). It also checks that the scroll really reached the end (the last row,
 * 100,000 of 100,000, was shown with its message), so a list that never moved cannot pass.
 */

const ROWS = 100_000;
const WHEEL_STEP = 30_000;
const TARGET = 200;

export interface ListDomMeasure {
  /** The most rows in the DOM at any moment. */
  maxRows: number;
  /** The last row was shown, loaded, at the end of the wheel pass and after End. */
  reachedEnd: boolean;
  /** How long the wheel took from the top to the bottom, ms. */
  wheelDownMs: number;
  /** Wheel events sent in all. */
  wheelEvents: number;
}

const CHROMIUM_ARGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function measureListDom(): Promise<ListDomMeasure> {
  if (!existsSync(join(defaultPaths.rendererDir, 'index.html')))
    throw new Error('list-dom needs the built renderer: run `npm run build` first.');
  const mbox = ensureBenchMbox(ROWS);
  const profilesDir = mkdtempSync(join(tmpdir(), 'mailscope-bench-list-dom-'));
  const harness = await startHarnessApp({ profilesDir, secrets: new MemorySecretStore() });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env['MAILSCOPE_CHROMIUM'] ?? '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(harness.url);
    await openMbox(page, mbox.path);
    await countRows(page);
    return await scrollEndToEnd(page);
  } finally {
    await browser?.close();
    await harness.close();
    rmSync(profilesDir, { recursive: true, force: true });
  }
}

export async function listDom(): Promise<BenchResult> {
  const measured = await measureListDom();
  return {
    name: 'list-dom',
    value: measured.maxRows,
    unit: 'count',
    mailscopeMs: measured.wheelDownMs,
    baselineMs: null,
    runs: 1,
    target: `< ${TARGET} (end reached: ${measured.reachedEnd ? 'yes' : 'NO'})`,
    pass: measured.maxRows < TARGET && measured.reachedEnd,
  };
}

async function openMbox(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: /open file or folder/i }).click();
  const dialog = page.getByTestId('open-dialog');
  await dialog.getByRole('textbox').fill(path);
  await dialog.getByRole('button', { name: /^open$/i }).click();
  // The first listing of a local folder reads every header: minutes on a slow machine, not seconds.
  // The count shows as soon as the folder is opened (from the scan for message boundaries), before
  // that listing; the first row is what comes at its end, so that is what gets the long wait.
  await page
    .getByTestId('message-list')
    .getByText(`${ROWS.toLocaleString('en-US')} messages`)
    .waitFor({ timeout: 300_000 });
  await page.getByRole('listbox').getByRole('option').first().waitFor({ timeout: 300_000 });
}

// The code below runs in the page. It is written as text because this file is compiled for Node
// (no DOM types); it is small, and the benchmark fails loudly if it breaks.

/** Installs the counter: after every change inside the message list, the number of rows. */
const INSTALL_COUNTER = `(() => {
  const list = document.querySelector('[data-testid="message-list"]');
  if (!list) throw new Error('no message list');
  const state = { max: 0, mutations: 0 };
  const count = () => {
    const rows = list.querySelectorAll('[role="option"]').length;
    if (rows > state.max) state.max = rows;
  };
  count();
  new MutationObserver(() => {
    state.mutations++;
    count();
  }).observe(list, { childList: true, subtree: true });
  window.__listDom = state;
})()`;

const READ_COUNTER = 'window.__listDom';

const SCROLL_POSITION = `(() => {
  const scroller = document.querySelector('.message-list__scroll');
  if (!scroller) throw new Error('no scroll box');
  return { top: scroller.scrollTop, bottom: scroller.scrollHeight - scroller.clientHeight };
})()`;

const NEXT_FRAME = 'new Promise((resolve) => requestAnimationFrame(() => resolve(true)))';

async function countRows(page: Page): Promise<void> {
  await page.evaluate(INSTALL_COUNTER);
}

async function readCount(page: Page): Promise<{ max: number; mutations: number }> {
  return (await page.evaluate(READ_COUNTER)) as { max: number; mutations: number };
}

async function scrollTop(page: Page): Promise<{ top: number; bottom: number }> {
  return (await page.evaluate(SCROLL_POSITION)) as { top: number; bottom: number };
}

/** The last row is in the DOM and shows its message (its page arrived). */
async function lastRowLoaded(page: Page): Promise<boolean> {
  const last = page.locator(`[role="option"][aria-posinset="${ROWS}"]`);
  try {
    await last.and(page.locator(':not([aria-busy="true"])')).waitFor({ timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

async function scrollEndToEnd(page: Page): Promise<ListDomMeasure> {
  const box = await page.getByRole('listbox').boundingBox();
  if (!box) throw new Error('the list is not on screen');
  await page.mouse.move(box.x + box.width / 2, Math.min(box.y + 300, box.y + box.height / 2));
  let wheelEvents = 0;

  const wheelTo = async (direction: 1 | -1) => {
    for (;;) {
      await page.mouse.wheel(0, direction * WHEEL_STEP);
      wheelEvents++;
      // One frame, so the list renders what each step scrolled into view.
      await page.evaluate(NEXT_FRAME);
      const { top, bottom } = await scrollTop(page);
      if (direction === 1 ? top >= bottom - 1 : top <= 0) return;
    }
  };

  const started = performance.now();
  await wheelTo(1);
  const wheelDownMs = performance.now() - started;
  let reachedEnd = await lastRowLoaded(page);
  await wheelTo(-1);

  // The keyboard: End, a few screens up and down, Home.
  await page.getByRole('listbox').focus();
  await page.keyboard.press('End');
  reachedEnd = reachedEnd && (await lastRowLoaded(page));
  for (let i = 0; i < 20; i++) await page.keyboard.press('PageUp');
  for (let i = 0; i < 10; i++) await page.keyboard.press('PageDown');
  await page.keyboard.press('Home');
  await page.locator('[role="option"][aria-posinset="1"]').waitFor();

  const { max, mutations } = await readCount(page);
  if (mutations < 100) throw new Error(`the list barely changed while scrolling (${mutations} mutations)`);
  return { maxRows: max, reachedEnd, wheelDownMs, wheelEvents };
}
