import { useId, useState } from 'react';
import { Modal } from '../components/Modal';
import { RadioGroup, type RadioOption } from '../components/RadioGroup';
import { MOD_KEY } from '../lib/keys';
import {
  ASK_ABOVE_MB,
  type Density,
  type Settings,
  type ThemeSetting,
  updateSettings,
  useSettings,
} from '../lib/settings';

/**
 * View settings: theme, list density, the preview line and dark message bodies. Every change applies
 * at once and is remembered; there is nothing to save or cancel.
 */

const THEMES: readonly RadioOption<ThemeSetting>[] = [
  {
    value: 'system',
    title: 'Follow the system',
    description: 'Light or dark as the operating system is set, changing with it.',
  },
  { value: 'light', title: 'Light' },
  { value: 'dark', title: 'Dark' },
];

const DENSITIES: readonly RadioOption<Density>[] = [
  {
    value: 'comfortable',
    title: 'Comfortable',
    description: 'Two lines per message: sender and date, then subject.',
  },
  {
    value: 'compact',
    title: 'Compact',
    description: 'One line per message: more of the folder at a glance.',
  },
];

type ChoiceSetting = 'theme' | 'density';

/** A RadioGroup bound to one choice of the settings; a change applies at once. */
function SettingRadios<K extends ChoiceSetting>(props: {
  name: K;
  legend: string;
  options: readonly RadioOption<Settings[K]>[];
}) {
  const settings = useSettings();
  const groupName = useId();
  return (
    <RadioGroup
      className="settings__group"
      groupName={groupName}
      name={props.name}
      legend={props.legend}
      options={props.options}
      value={settings[props.name]}
      onChange={(value) => updateSettings({ [props.name]: value })}
    />
  );
}

interface ToggleProps {
  name: 'preview' | 'darkMessages';
  label: string;
  help: string;
  testId: string;
}

const TOGGLES: readonly ToggleProps[] = [
  {
    name: 'preview',
    label: 'Preview line',
    help: "A line of each message's text in the list. Local mailboxes (.eml, mbox, Maildir) only: over IMAP or POP3 it would mean downloading part of every message.",
    testId: 'setting-preview',
  },
  {
    name: 'darkMessages',
    label: 'Darken message bodies in the dark theme',
    help: 'Messages keep the colours their sender chose; this turns light messages dark (pictures keep their colours).',
    testId: 'setting-dark-messages',
  },
];

/** A checkbox bound to one on/off setting; a change applies at once. */
function Toggle({ name, label, help, testId }: ToggleProps) {
  const checked = useSettings()[name];
  const helpId = useId();
  const labelId = useId();
  return (
    <label className="radio">
      <input
        type="checkbox"
        checked={checked}
        aria-labelledby={labelId}
        aria-describedby={helpId}
        data-testid={testId}
        onChange={(event) => updateSettings({ [name]: event.target.checked })}
      />
      <span className="settings__option-text">
        <span id={labelId} className="settings__option-label">
          {label}
        </span>
        <span id={helpId} className="settings__option-help">
          {help}
        </span>
      </span>
    </label>
  );
}

/**
 * The large-message limit: typed freely, stored only when it is a whole number in range, so a
 * half-typed value never becomes the setting; what is wrong is said next to the field.
 */
function LimitField({ value, onChange }: { value: number; onChange: (megabytes: number) => void }) {
  const [text, setText] = useState(String(value));
  const inputId = useId();
  const helpId = useId();
  const errorId = useId();
  const parsed = Number(text.trim());
  const valid =
    text.trim() !== '' &&
    Number.isInteger(parsed) &&
    parsed >= ASK_ABOVE_MB.min &&
    parsed <= ASK_ABOVE_MB.max;
  return (
    <div className="settings__field">
      <label htmlFor={inputId} className="settings__option-label">
        Ask before downloading messages larger than
      </label>
      <div className="settings__field-row">
        <input
          id={inputId}
          className="text-input settings__number"
          type="text"
          inputMode="numeric"
          value={text}
          aria-invalid={valid ? undefined : true}
          aria-describedby={valid ? helpId : `${errorId} ${helpId}`}
          data-testid="setting-ask-above"
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            const number = Number(next.trim());
            if (
              next.trim() !== '' &&
              Number.isInteger(number) &&
              number >= ASK_ABOVE_MB.min &&
              number <= ASK_ABOVE_MB.max
            )
              onChange(number);
          }}
        />
        <span aria-hidden="true">MB</span>
      </div>
      {valid ? null : (
        <span id={errorId} className="settings__error" role="alert">
          Enter a whole number of megabytes from {ASK_ABOVE_MB.min} to {ASK_ABOVE_MB.max.toLocaleString()};
          the limit stays at {value} MB until then.
        </span>
      )}
      <span id={helpId} className="settings__option-help">
        Shared mailboxes only: a message above this size is downloaded after you agree, so a huge message on a
        slow link is a choice, not a side effect of moving down the list.
      </span>
    </div>
  );
}

export function SettingsDialog({
  onClose,
  onResetLayout,
}: {
  onClose: () => void;
  onResetLayout: () => void;
}) {
  const settings = useSettings();
  const set = (change: Partial<Settings>) => updateSettings(change);
  return (
    <Modal
      title="View settings"
      description={
        <>
          Changes apply at once and are remembered. Open this from anywhere with <kbd>{MOD_KEY}</kbd>+
          <kbd>,</kbd>
        </>
      }
      onClose={onClose}
      testId="settings-dialog"
      className="settings-dialog"
    >
      <div className="settings">
        <SettingRadios name="theme" legend="Theme" options={THEMES} />
        <SettingRadios name="density" legend="Message list" options={DENSITIES} />
        <fieldset className="settings__group">
          <legend className="settings__legend">Content</legend>
          {TOGGLES.map((toggle) => (
            <Toggle key={toggle.name} {...toggle} />
          ))}
        </fieldset>
        <fieldset className="settings__group" data-testid="setting-remote-senders">
          <legend className="settings__legend">Remote content</legend>
          {settings.remoteSenders.length === 0 ? (
            <p className="settings__option-help">
              Every message asks before it loads remote images and styles. “Always for …” in a message adds
              its sender here.
            </p>
          ) : (
            <ul className="settings__senders" aria-label="Senders whose remote content loads without asking">
              {settings.remoteSenders.map((sender) => (
                <li key={sender} className="settings__sender">
                  <span>{sender}</span>
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-label={`Stop loading remote content for ${sender}`}
                    onClick={() =>
                      set({ remoteSenders: settings.remoteSenders.filter((entry) => entry !== sender) })
                    }
                  >
                    Remove
                  </button>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <fieldset className="settings__group">
          <legend className="settings__legend">Large messages</legend>
          <LimitField
            value={settings.askAboveMegabytes}
            onChange={(askAboveMegabytes) => set({ askAboveMegabytes })}
          />
        </fieldset>
        <div className="settings__footer">
          <button type="button" className="button" onClick={onResetLayout}>
            Reset pane sizes
          </button>
        </div>
      </div>
    </Modal>
  );
}
