import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/**
 * The component tests' DOM (jsdom) lacks what the app relies on: the modal <dialog> API,
 * scrollIntoView, scrollTo and ResizeObserver (jsdom lays nothing out, so no size ever changes). Minimal stand-ins, so components behave as in a browser as far as a test can see.
 */
const dialog = HTMLDialogElement.prototype;
if (typeof dialog.showModal !== 'function') {
  dialog.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
}
if (typeof dialog.close !== 'function') {
  dialog.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
}
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Element.prototype.scrollIntoView = () => undefined;
}
if (typeof Element.prototype.scrollTo !== 'function') {
  Element.prototype.scrollTo = () => undefined;
}

if (typeof globalThis.ResizeObserver !== 'function') {
  globalThis.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

// Without vitest globals, Testing Library cannot register its own cleanup.
afterEach(cleanup);
