import { Modal } from '../components/Modal';
import { MOD_KEY } from '../lib/keys';
import { CopyDiagnostics } from './CopyDiagnostics';

/**
 * The keyboard map, reachable with "?" and from the status bar: every shortcut the app has. It is
 * the app's Help, so it also offers "Copy diagnostics" for a bug report.
 */

const GROUPS: { title: string; keys: [string[], string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      [[`${MOD_KEY}+O`], 'Open a file or folder'],
      [[`${MOD_KEY}+1`, '…', `${MOD_KEY}+9`], 'Open the 1st … 9th shared mailbox'],
      [['/', `${MOD_KEY}+F`], 'Search the folder (or, with All folders chosen, every folder)'],
      [[`${MOD_KEY}+Shift+M`], 'Find a message by its Message-ID in every folder'],
      [[`${MOD_KEY}+,`], 'View settings: theme, density, preview line'],
      [['F6'], 'Move to the next pane (Shift+F6: previous)'],
      [['?'], 'Show this list'],
      [['Esc'], 'Close a dialog, the folder drawer, or clear the search'],
    ],
  },
  {
    title: 'Folders',
    keys: [
      [['↑', '↓'], 'Previous / next folder'],
      [['←', '→'], 'Collapse / expand, or go to the parent / first child'],
      [['Home', 'End'], 'First / last folder'],
      [['*'], 'Expand every folder at this level'],
      [['a–z'], 'Jump to a folder by its first letter'],
    ],
  },
  {
    title: 'Messages',
    keys: [
      [['↑', '↓'], 'Previous / next message'],
      [['k', 'j'], 'Previous / next message'],
      [['Page Up', 'Page Down'], 'One screen up / down'],
      [['Home', 'End'], 'First / last message'],
      [['Enter'], 'Open the message in the reader'],
    ],
  },
  {
    title: 'Panes',
    keys: [
      [['←', '→'], 'On a divider: make the pane narrower / wider (Shift: faster)'],
      [['Home', 'End'], 'On a divider: narrowest / widest'],
    ],
  },
];

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal
      title="Keyboard shortcuts"
      onClose={onClose}
      testId="shortcuts-dialog"
      className="shortcuts-dialog"
    >
      <div className="shortcuts">
        {GROUPS.map((group) => (
          <section key={group.title} className="shortcuts__group">
            <h3 className="shortcuts__title">{group.title}</h3>
            <dl className="shortcuts__list">
              {group.keys.map(([keys, what]) => (
                <div key={what} className="shortcuts__row">
                  <dt>
                    {keys.map((key, i) => (
                      <span key={`${i}${key}`}>
                        {i > 0 ? <span className="shortcuts__or"> </span> : null}
                        <kbd>{key}</kbd>
                      </span>
                    ))}
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <CopyDiagnostics />
    </Modal>
  );
}
