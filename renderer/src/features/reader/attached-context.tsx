import { createContext, type ReactNode, useContext } from 'react';
import { opensAsMessage } from '../../../../shared/attached';

/** Opens one of the shown message's parts as a message of its own, labelled for the breadcrumb. */
export type OpenAttached = (partId: string, label: string) => void;

/**
 * How the attachment list and the MIME tree open an attached message inside the reader without the
 * reader threading a callback through every panel. Null: nothing opens here (the deepest level
 * allowed, or a view outside the reader).
 */
const OpenAttachedContext = createContext<OpenAttached | null>(null);

export function OpenAttachedProvider({
  value,
  children,
}: {
  value: OpenAttached | null;
  children: ReactNode;
}) {
  return <OpenAttachedContext.Provider value={value}>{children}</OpenAttachedContext.Provider>;
}

/**
 * For each part: its opener when the part is a message the reader can open (by type or name) and
 * opening is allowed at this level, else null.
 */
export function useOpenAttached(): (contentType: string, filename: string | null) => OpenAttached | null {
  const open = useContext(OpenAttachedContext);
  return (contentType, filename) => (open && opensAsMessage(contentType, filename) ? open : null);
}
