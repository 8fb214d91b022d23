import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

/**
 * The component tests' DOM (jsdom) lacks what the app relies on: the modal <dialog> API,
 * scrollIntoView, scrollTo, ResizeObserver (jsdom lays nothing out, so no size ever changes) and
 * matchMedia (a light system theme that never changes). Minimal stand-ins, so components behave as in a browser as far as a test can see.
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
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList => {
    const list = new EventTarget() as MediaQueryList;
    return Object.assign(list, { matches: false, media: query, onchange: null });
  };
}

// Without vitest globals, Testing Library cannot register its own cleanup.
afterEach(cleanup);
