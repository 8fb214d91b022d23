import { Modal } from '../components/Modal';
import { MOD_KEY } from './keys';

/** The keyboard map, reachable with "?" and from the status bar. */

const GROUPS: { title: string; keys: [string[], string][] }[] = [
  {
    title: 'Anywhere',
    keys: [
      [[MOD_KEY, 'O'], 'Open a file or folder'],
      [['F6'], 'Move to the next pane (Shift+F6: previous)'],
      [['?'], 'Show this list'],
    ],
  },
  {
    title: 'Folders',
    keys: [
      [['↑', '↓'], 'Previous / next folder'],
      [['←', '→'], 'Collapse / expand'],
      [['Home', 'End'], 'First / last folder'],
      [['a–z'], 'Jump to a folder by its first letter'],
    ],
  },
  {
    title: 'Messages',
    keys: [
      [['↑', '↓'], 'Previous / next message (also k / j)'],
      [['Page Up', 'Page Down'], 'One screen up / down'],
      [['Home', 'End'], 'Newest / oldest message'],
      [['Enter'], 'Open the message in the reader'],
    ],
  },
  {
    title: 'Panes',
    keys: [[['←', '→'], 'On a divider: make the pane narrower / wider (Shift: faster)']],
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
                      <span key={key}>
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
    </Modal>
  );
}
