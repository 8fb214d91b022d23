import { z } from 'zod';
import { Modal } from '../components/Modal';
import { MOD_KEY } from '../lib/keys';
import { CopyDiagnostics } from './CopyDiagnostics';
import shortcuts from './shortcuts.json';

/**
 * The map itself is data (shortcuts.json): groups of rows, each the keys that do it (any one of
 * them) and what it does. `Mod+` stands for the platform's command key.
 */
const Shortcuts = z.array(
  z.object({
    title: z.string(),
    keys: z.array(z.tuple([z.array(z.string()).min(1), z.string()])),
  }),
);

const GROUPS = Shortcuts.parse(shortcuts);

const label = (key: string) => key.replace(/^Mod\+/, `${MOD_KEY}+`);

/**
 * The keyboard map, reachable with "?" and from the status bar: every shortcut the app has. It is
 * the app's Help, so it also offers "Copy diagnostics" for a bug report.
 */
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
                        <kbd>{label(key)}</kbd>
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
