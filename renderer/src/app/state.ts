import type { Folder, SourceSummary } from '../../../shared/model';
import type { ProfileView } from '../features/profiles/ProfilePage';
import type { SelectedMessage } from '../features/reader/use-message';

/**
 * What is open and what is selected. A pure reducer, so the rules (which folder a new source opens
 * on, what happens to the selection when its source closes) live in one place.
 */

export interface AppState {
  /** In the order they were opened; the sidebar shows them so. */
  sources: readonly SourceSummary[];
  active: { sourceId: string; folderId: string | null } | null;
  message: SelectedMessage | null;
  /** Source notices the user dismissed, as `${sourceId}\0${index}`. */
  dismissedNotices: ReadonlySet<string>;
  /** Bumped when a source opens, so the shell can move focus to its message list. */
  openedCount: number;
  /** A shared-mailbox profile shown in the main area instead of a folder's messages. */
  profile: { id: string; view: ProfileView } | null;
}

export type AppAction =
  | { type: 'source-opened'; source: SourceSummary }
  | { type: 'source-refreshed'; source: SourceSummary }
  | { type: 'source-closed'; sourceId: string }
  | { type: 'folder-selected'; sourceId: string; folderId: string }
  | {
      type: 'message-selected';
      messageId: string | null;
      size?: number;
      /** The message's own folder, when it is not the one shown (a result of a search in every folder). */
      folderId?: string;
    }
  | { type: 'notice-dismissed'; sourceId: string; index: number }
  | { type: 'profile-selected'; id: string | null; view?: ProfileView }
  | { type: 'profile-view'; view: ProfileView };

export const initialState: AppState = {
  sources: [],
  active: null,
  message: null,
  dismissedNotices: new Set(),
  openedCount: 0,
  profile: null,
};

/** The folder a source opens on: its inbox, else its first folder that holds messages. */
export function defaultFolder(folders: readonly Folder[]): Folder | null {
  return folders.find((f) => f.role === 'inbox' && f.selectable) ?? folders.find((f) => f.selectable) ?? null;
}

export function noticeKey(sourceId: string, index: number): string {
  return `${sourceId}\u0000${index}`;
}

export function reducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case 'source-refreshed': {
      // New counts and folders for a source already open; the user's place stays where it was.
      const { source } = action;
      return { ...state, sources: state.sources.map((s) => (s.id === source.id ? source : s)) };
    }
    case 'source-opened': {
      const { source } = action;
      const exists = state.sources.some((s) => s.id === source.id);
      const sources = exists
        ? state.sources.map((s) => (s.id === source.id ? source : s))
        : [...state.sources, source];
      // Opening what is already open and in view (Ctrl+1 twice, say) keeps the user's place in it.
      const kept =
        exists && state.active?.sourceId === source.id && state.profile === null
          ? source.folders.find((f) => f.id === state.active?.folderId)
          : undefined;
      return {
        ...state,
        sources,
        active: { sourceId: source.id, folderId: kept?.id ?? defaultFolder(source.folders)?.id ?? null },
        message: kept ? state.message : null,
        openedCount: state.openedCount + 1,
        profile: null,
      };
    }
    case 'source-closed': {
      const index = state.sources.findIndex((s) => s.id === action.sourceId);
      if (index < 0) return state;
      const sources = state.sources.filter((s) => s.id !== action.sourceId);
      if (state.active?.sourceId !== action.sourceId) return { ...state, sources };
      // The neighbour that takes the closed source's place in the sidebar becomes active.
      const next = sources[Math.min(index, sources.length - 1)];
      return {
        ...state,
        sources,
        active: next ? { sourceId: next.id, folderId: defaultFolder(next.folders)?.id ?? null } : null,
        message: null,
      };
    }
    case 'folder-selected':
      if (
        state.profile === null &&
        state.active?.sourceId === action.sourceId &&
        state.active.folderId === action.folderId
      )
        return state;
      return {
        ...state,
        active: { sourceId: action.sourceId, folderId: action.folderId },
        message: null,
        profile: null,
      };
    case 'message-selected': {
      const { active } = state;
      if (!active?.folderId || action.messageId === null) return { ...state, message: null };
      return {
        ...state,
        message: {
          sourceId: active.sourceId,
          folderId: action.folderId ?? active.folderId,
          messageId: action.messageId,
          ...(action.size !== undefined ? { size: action.size } : {}),
        },
      };
    }
    case 'notice-dismissed': {
      const dismissedNotices = new Set(state.dismissedNotices);
      dismissedNotices.add(noticeKey(action.sourceId, action.index));
      return { ...state, dismissedNotices };
    }
    case 'profile-selected':
      if (action.id === null) return { ...state, profile: null };
      return { ...state, profile: { id: action.id, view: action.view ?? 'overview' } };
    case 'profile-view':
      return state.profile ? { ...state, profile: { ...state.profile, view: action.view } } : state;
  }
}
