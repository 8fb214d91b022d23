import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiProvider } from '../../../../renderer/src/api-context';
import { ShortcutsDialog } from '../../../../renderer/src/app/ShortcutsDialog';
import { MOD_KEY } from '../../../../renderer/src/lib/keys';
import { fakeApi } from '../fake-api';

function open() {
  render(
    <ApiProvider api={fakeApi({})}>
      <ShortcutsDialog onClose={() => {}} />
    </ApiProvider>,
  );
  return screen.getByTestId('shortcuts-dialog');
}

describe('ShortcutsDialog', () => {
  it('lists every group of its map, in order, each row its keys and what they do', () => {
    const dialog = open();
    const titles = within(dialog)
      .getAllByRole('heading', { level: 3 })
      .map((heading) => heading.textContent);
    expect(titles).toEqual(['Anywhere', 'Folders', 'Messages', 'Panes']);
    const rows = dialog.querySelectorAll('.shortcuts__row');
    expect(rows).toHaveLength(20);
    const pageKeys = [...rows[15]!.querySelectorAll('kbd')].map((kbd) => kbd.textContent);
    expect(pageKeys).toEqual(['Page Up', 'Page Down']);
    expect(rows[15]!.querySelector('dd')?.textContent).toBe('One screen up / down');
  });

  it("names the platform's command key where the map says Mod", () => {
    const dialog = open();
    const keys = [...dialog.querySelectorAll('kbd')].map((kbd) => kbd.textContent);
    expect(keys.slice(0, 4)).toEqual([`${MOD_KEY}+O`, `${MOD_KEY}+1`, '…', `${MOD_KEY}+9`]);
    expect(keys).toContain(`${MOD_KEY}+Shift+M`);
    expect(keys).toContain(`${MOD_KEY}+,`);
    expect(keys.some((key) => key?.includes('Mod'))).toBe(false);
  });
});
