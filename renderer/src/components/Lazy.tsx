import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/**
 * Parts of the UI most sessions never open (the wizard, the inspection tabs, the source view, the
 * settings) load on first use, so the first paint does not wait for them. The renderer's CSP allows
 * same-origin scripts, which these chunks are.
 */

/** React.lazy for a named export: our modules export components by name, not by default. */
export function lazyNamed<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): ComponentType<M[K] extends ComponentType<infer P> ? P : never> {
  return lazy(async () => {
    const module = await load();
    return { default: module[name] as ComponentType<M[K] extends ComponentType<infer P> ? P : never> };
  });
}

/**
 * What shows while a chunk loads: a spinner that fades in only if the load is slow (CSS delay, see
 * components.css), so a fast load shows nothing at all rather than flashing a placeholder.
 */
export function LazyFallback({ label, overlay = false }: { label: string; overlay?: boolean }) {
  return (
    <span className={`lazy-fallback${overlay ? ' lazy-fallback--overlay' : ''}`} data-testid="lazy-fallback">
      <span className="spinner" aria-hidden="true" />
      <span className="sr-only">{label}</span>
    </span>
  );
}

/** `overlay` for dialogs: the spinner sits over the window's centre, where the dialog will open. */
export function OnDemand({
  label,
  overlay = false,
  children,
}: {
  label: string;
  overlay?: boolean;
  children: ReactNode;
}) {
  return <Suspense fallback={<LazyFallback label={label} overlay={overlay} />}>{children}</Suspense>;
}
