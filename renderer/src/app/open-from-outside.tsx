import { useEffect, useRef, useState } from 'react';
import { pathOfDroppedFile } from '../api';
import { Notice } from '../components/Notice';
import { liveEvents } from '../lib/live-events';

/**
 * Mail that arrives from outside the window: files dragged onto it, and paths the desktop app's
 * menu or the OS hand over (`open.path` events: File → Open…, a double-clicked .eml). Each becomes
 * one request to open a path, which the app runs through the Open dialog so the same checks,
 * errors and large-file confirmation apply.
 */

export function useOpenFromOutside(open: (path: string) => void) {
  const [dragging, setDragging] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const openRef = useRef(open);
  useEffect(() => {
    openRef.current = open;
  });

  useEffect(
    () =>
      liveEvents.listen((event) => {
        if (event.type === 'open.path') openRef.current(event.path);
      }),
    [],
  );

  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them to know when the drag left.
    let depth = 0;
    const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setDragging(true);
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser would navigate to the dropped file.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      const paths = files.map(pathOfDroppedFile).filter((path): path is string => path !== null);
      if (paths.length === 0 && files.length > 0) {
        setRefused(files[0]?.name ?? 'the file');
        return;
      }
      setRefused(null);
      for (const path of paths) openRef.current(path);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  const overlay = (
    <>
      {dragging ? (
        <div className="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
          <div className="drop-overlay__panel">
            <p className="drop-overlay__title">Drop to open</p>
            <p className="drop-overlay__hint">
              .eml, Outlook .msg and mbox files, or a Maildir folder. Nothing is changed on disk.
            </p>
          </div>
        </div>
      ) : null}
      {refused ? (
        <div className="drop-refused">
          <Notice
            tone="warning"
            testId="drop-refused"
            title={`This window cannot see where “${refused}” is stored.`}
            hint="The browser harness is a web page, and web pages never learn the paths of dropped files. Use Open… and type its path; in the desktop app, dropping works."
            onDismiss={() => setRefused(null)}
            dismissLabel="Dismiss"
          />
        </div>
      ) : null}
    </>
  );
  return overlay;
}
