import type { Page } from '@playwright/test';
import { type Contoso, expect, test, testbed } from './fixtures';
import { addBedProfile, holdAnswers } from './helpers';

/**
 * Everything by keyboard: the list (arrows, j/k, Home/End, Page Up/Down, Enter), the folder tree
 * (WAI-ARIA tree pattern), search (/ and Ctrl+F), F6 between panes, the ? dialog, and Ctrl+1…9 for
 * shared mailboxes. Single-key shortcuts never fire while typing.
 */

const listbox = (page: Page) => page.getByRole('listbox');
const selected = (page: Page) => listbox(page).locator('[role="option"][aria-selected="true"]');

async function openSampleByKeyboard(page: Page) {
  const button = page.getByRole('button', { name: /open sample mailbox/i });
  await button.focus();
  await page.keyboard.press('Enter');
  // A newly opened mailbox puts the keyboard in its message list.
  await expect(listbox(page)).toBeFocused();
}

test('move through the list with arrows, j/k, Home/End and Page Up/Down; Enter opens in the reader', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSampleByKeyboard(page);
  await expect(listbox(page)).toHaveAttribute('aria-label', /Messages in Inbox/);
  const options = listbox(page).getByRole('option');
  await expect(options.first()).toHaveAttribute('aria-setsize', '30');

  await page.keyboard.press('ArrowDown');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '3');
  await page.keyboard.press('k');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '2');
  await page.keyboard.press('ArrowUp');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '1');
  // The active row is the listbox's active descendant: focus stays on the list.
  const active = await selected(page).getAttribute('id');
  await expect(listbox(page)).toHaveAttribute('aria-activedescendant', active ?? '');

  await page.keyboard.press('End');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '30');
  await page.keyboard.press('PageUp');
  const afterPageUp = Number(await selected(page).getAttribute('aria-posinset'));
  expect(afterPageUp).toBeLessThan(30);
  expect(afterPageUp).toBeGreaterThan(1);
  await page.keyboard.press('Home');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('PageDown');
  expect(Number(await selected(page).getAttribute('aria-posinset'))).toBe(1 + (30 - afterPageUp));

  // The reader follows the selection; Enter moves the keyboard into it.
  await page.keyboard.press('Home');
  const subject = (await selected(page).locator('.message-row__subject').textContent()) ?? '';
  await page.keyboard.press('Enter');
  const reader = page.getByTestId('reader');
  await expect(reader).toBeFocused();
  await expect(reader.getByRole('document')).toBeVisible();
  await expect(reader.getByRole('heading', { level: 2 })).toHaveText(
    subject.replace(/\.\.\.$|…$/, '').trim(),
    {
      useInnerText: true,
    },
  );
});

test('the folder tree follows the WAI-ARIA tree pattern, and F6 moves between panes', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSampleByKeyboard(page);
  // F6 cycles: list → reader → folders → list.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('reader')).toBeFocused();
  await page.keyboard.press('F6');
  const tree = page.getByRole('tree');
  const inbox = tree.getByRole('treeitem', { name: /^Inbox/ });
  await expect(inbox).toBeFocused();
  await expect(inbox).toHaveAttribute('aria-selected', 'true');
  // One tab stop: only the focused item is tabbable.
  await expect(tree.locator('[role="treeitem"][tabindex="0"]')).toHaveCount(1);

  const archive = tree.getByRole('treeitem', { name: /^Archive/ });
  await expect(archive).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('a');
  await expect(archive).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(archive).toHaveAttribute('aria-expanded', 'false');
  await expect(tree.getByRole('treeitem', { name: /^2025/ })).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(archive).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  const child = tree.getByRole('treeitem', { name: /^2025/ });
  await expect(child).toBeFocused();
  await expect(child).toHaveAttribute('aria-level', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(archive).toBeFocused();
  await page.keyboard.press('Home');
  await expect(inbox).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('message-list').getByRole('heading', { level: 2 })).toHaveText('Sent Items');

  await page.keyboard.press('Shift+F6');
  await expect(page.getByTestId('reader')).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(listbox(page)).toBeFocused();
});

test('F6 reaches the reader while its code is still loading, and the reader takes the keyboard when it arrives', async ({
  page,
  harness,
}) => {
  // Hold back the reader's chunk, as a busy machine delays it: F6 must not be dropped meanwhile.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/Reader-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(harness.url);
  await openSampleByKeyboard(page);
  await page.keyboard.press('F6');
  await expect(page.locator('[data-pane="reader"]')).toBeFocused();
  release();
  await expect(page.getByTestId('reader')).toBeFocused();
  await page.keyboard.press('Shift+F6');
  await expect(listbox(page)).toBeFocused();
});

test('F6 reaches a folder whose first page is still loading, and the list takes the keyboard when it arrives', async ({
  page,
  harness,
}) => {
  // Holds back the answers to messages.list, as a busy machine delays them.
  const answers = await holdAnswers(page, 'messages.list');
  await page.goto(harness.url);
  await openSampleByKeyboard(page);
  await page.keyboard.press('Shift+F6');
  await expect(page.getByRole('tree').getByRole('treeitem', { name: /^Inbox/ })).toBeFocused();

  answers.hold();
  await page.keyboard.press('ArrowDown');
  const list = page.getByTestId('message-list');
  await expect(list.getByRole('heading', { level: 2 })).toHaveText('Sent Items');
  await expect(list.getByText('Loading messages…')).toBeVisible();
  await page.keyboard.press('Shift+F6');
  await expect(page.getByTestId('reader')).toBeFocused();
  // No listbox yet: the keyboard goes to the list's pane, not nowhere.
  await page.keyboard.press('Shift+F6');
  await expect(list).toBeFocused();
  answers.release();
  await expect(listbox(page)).toBeFocused();
  await expect(listbox(page)).toHaveAttribute('aria-label', /Messages in Sent Items/);
});

test('/ and Ctrl+F go to the search box; typing there never triggers a shortcut', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSampleByKeyboard(page);
  const search = page.getByTestId('message-search');

  await page.keyboard.press('/');
  await expect(search).toBeFocused();
  await page.keyboard.type('jk?/');
  await expect(search).toHaveValue('jk?/');
  await expect(page.getByTestId('shortcuts-dialog')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');

  await listbox(page).focus();
  await page.keyboard.press('j');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('Control+f');
  await expect(search).toBeFocused();
  await search.fill('fabrikam');
  // Ctrl+F again selects what is there, ready to be replaced.
  await listbox(page).focus();
  await page.keyboard.press('Control+f');
  await page.keyboard.type('northwind');
  await expect(search).toHaveValue('northwind');
});

test('? lists every shortcut; Escape closes it and the keyboard is back where it was', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await openSampleByKeyboard(page);
  await page.keyboard.press('j');
  await page.keyboard.press('?');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  const text = (await dialog.innerText()).replace(/\s+/g, ' ');
  for (const shortcut of [
    'Ctrl+O',
    'Ctrl+1',
    'Ctrl+9',
    'Ctrl+F',
    'Ctrl+,',
    'F6',
    '?',
    'Esc',
    'Home',
    'End',
    'Page Up',
    'Page Down',
    'Enter',
    'j',
    'k',
  ]) {
    expect(text, `the list names ${shortcut}`).toContain(shortcut);
  }
  for (const action of [
    'Open the 1st … 9th shared mailbox',
    'Search the folder',
    'View settings',
    'Open the message in the reader',
  ]) {
    expect(text).toContain(action);
  }
  // While it is open, the page behind it does not react to shortcuts.
  await page.keyboard.press('j');
  await expect(selected(page)).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(listbox(page)).toBeFocused();

  // From the status bar's button as well, by keyboard.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
});

test.describe('shared mailboxes by number', () => {
  let C: Contoso;
  test.beforeAll(async () => {
    C = (await testbed()).CONTOSO;
  });

  test('Ctrl+1…9 open the Nth shared mailbox; IMAP lists newest first only and says why; a failure shows on its page', async ({
    page,
    bed,
    profilesHarness,
  }) => {
    // Holds back the answers to sources.openProfile, as a busy machine delays them.
    const answers = await holdAnswers(page, 'sources.openProfile');
    await page.goto(profilesHarness.url);
    await addBedProfile(page, bed, C, { name: 'Invoices', secret: C.readerSecret.value });
    await addBedProfile(page, bed, C, { name: 'Wrong secret', secret: 'not-the-secret-value' });

    await page.keyboard.press('Control+1');
    const tree = page.getByRole('tree');
    await expect(tree.getByRole('treeitem', { name: /^inbox/i })).toBeVisible({ timeout: 30_000 });
    await expect(listbox(page)).toBeFocused();
    // Exchange Online cannot sort over IMAP: no order menu, the order in effect, and why.
    await expect(page.getByTestId('sort-menu')).toHaveCount(0);
    await expect(page.getByTestId('sort-fixed')).toHaveText('Date, newest first');
    await page.getByTestId('sort-why').click();
    await expect(page.getByTestId('sort-note')).toContainText('Exchange Online cannot sort over IMAP');

    // Pressing it again keeps the folder the user is in.
    await tree.getByRole('treeitem', { name: /Sent Items/ }).click();
    answers.hold();
    await page.keyboard.press('Control+1');
    await expect(page.getByTestId('status-bar')).toContainText('Opening Invoices…');
    await expect(page.getByTestId('message-list').getByRole('heading', { level: 2 })).toHaveText(
      'Sent Items',
    );

    // A profile that cannot sign in: its page opens with the reason, also when pressed while the
    // previous shortcut was still opening its mailbox.
    await page.keyboard.press('Control+2');
    answers.release();
    const failure = page.getByTestId('shortcut-error');
    await expect(failure).toContainText('Could not open Wrong secret', { timeout: 30_000 });
    await expect(page.getByTestId('profile-name')).toHaveText('Wrong secret');

    // A number with no profile does nothing.
    await page.keyboard.press('Control+5');
    await expect(page.getByTestId('profile-name')).toHaveText('Wrong secret');
  });
});
