/** The platform's command modifier, for shortcut labels: ⌘ on macOS, Ctrl elsewhere. */
export const IS_MAC = /mac|iphone|ipad/i.test(navigator.platform || navigator.userAgent);
export const MOD_KEY = IS_MAC ? '⌘' : 'Ctrl';

/** True when a key press belongs to a text field, so single-key shortcuts must leave it alone. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.tagName === 'INPUT' ||
    target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT'
  );
}

/** A modal dialog is open: app-wide shortcuts must not act on the page behind it. */
export function modalOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}
