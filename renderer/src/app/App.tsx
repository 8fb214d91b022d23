import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors';
import type { ImportReport, ProfileSummary, SourceSummary } from '../../../shared/model';
import { useApi } from '../api-context';
import { useEnvelopeStore } from '../features/messages/envelope-store';
import { OpenDialog } from '../features/open/OpenDialog';
import { ProfileList } from '../features/profiles/ProfileList';
import { useProfiles } from '../features/profiles/use-profiles';
import { lazyNamed, OnDemand } from '../components/Lazy';
import { Notice } from '../components/Notice';
import { Welcome } from '../features/welcome/Welcome';
import { isTyping, modalOpen } from '../lib/keys';
import { useAppCommand } from '../lib/live-events';
import type { FoundMessage } from '../features/find/MessageIdDialog';
import { useLayout } from './layout';
import { Shell } from './Shell';
import { useOpenFromOutside } from './open-from-outside';
import { EngineFaultNotice } from './engine-fault';
import { initialState, reducer } from './state';
import { useAppInfo } from './use-app-info';

// Loaded on first use (components/Lazy.tsx): the wizard, a shared mailbox's page (with its set-up
// guide, sign-in and diagnostics) and the dialogs. Reading local mail needs none of them.
const ProfileWizard = lazyNamed(() => import('../features/profiles/ProfileWizard'), 'ProfileWizard');
const ProfilePage = lazyNamed(() => import('../features/profiles/ProfilePage'), 'ProfilePage');
const ImportDialog = lazyNamed(() => import('../features/profiles/ImportDialog'), 'ImportDialog');
const SettingsDialog = lazyNamed(() => import('./SettingsDialog'), 'SettingsDialog');
const ShortcutsDialog = lazyNamed(() => import('./ShortcutsDialog'), 'ShortcutsDialog');
const MessageIdDialog = lazyNamed(() => import('../features/find/MessageIdDialog'), 'MessageIdDialog');

/**
 * The app: the welcome screen until a source is open, then the three-pane shell. Owns the actions
 * that open and close sources, because both screens offer them, and the app-wide shortcuts.
 */
export function App() {
  const api = useApi();
  const envelopeStore = useEnvelopeStore();
  const [state, dispatch] = useReducer(reducer, initialState);
  const { info, retry: retryInfo } = useAppInfo();
  const [dialog, setDialog] = useState<'open' | 'shortcuts' | 'settings' | 'find-id' | null>(null);
  const layout = useLayout();
  /** Ctrl/Cmd+1…9: the shared mailbox being opened, or why it could not be. */
  const [profileShortcut, setProfileShortcut] = useState<{
    name: string;
    busy: boolean;
    error: ErrorInfo | null;
  } | null>(null);
  const [sample, setSample] = useState<{ busy: boolean; error: ErrorInfo | null }>({
    busy: false,
    error: null,
  });
  const [closing, setClosing] = useState<ReadonlySet<string>>(() => new Set());
  const [closeErrors, setCloseErrors] = useState<ReadonlyMap<string, ErrorInfo>>(() => new Map());
  const profiles = useProfiles();
  const refreshProfiles = profiles.refresh;
  const [wizard, setWizard] = useState<{ profile?: ProfileSummary } | null>(null);
  /** The profile whose page should run its connection test once (just saved from the wizard). */
  const [autoTestId, setAutoTestId] = useState<string | null>(null);
  const [importReport, setImportReport] = useState<ImportReport | null>(null);
  const [transfer, setTransfer] = useState<{ busy: 'export' | 'import' | null; error: ErrorInfo | null }>({
    busy: null,
    error: null,
  });
  const [dismissedStoreNotices, setDismissedStoreNotices] = useState<ReadonlySet<string>>(() => new Set());

  // Paths from outside (dropped files, File → Open, the OS), opened one after another.
  // `head` counts the paths taken off the front: the dialog is keyed by it, so each path gets a
  // fresh dialog while paths queued behind it leave the current one alone.
  const [outside, setOutside] = useState<{ paths: readonly string[]; head: number }>({ paths: [], head: 0 });
  const openFromOutside = useCallback((path: string) => {
    setOutside((prev) => ({ ...prev, paths: [...prev.paths, path] }));
  }, []);
  const outsideOverlay = useOpenFromOutside(openFromOutside);
  const nextOutside = () => setOutside((prev) => ({ paths: prev.paths.slice(1), head: prev.head + 1 }));

  const onOpened = useCallback((source: SourceSummary) => {
    dispatch({ type: 'source-opened', source });
    setOutside((prev) =>
      prev.paths.length > 0 ? { paths: prev.paths.slice(1), head: prev.head + 1 } : prev,
    );
    setDialog((current) => (current === 'open' ? null : current));
  }, []);

  const openSample = useCallback(async () => {
    setSample({ busy: true, error: null });
    const result = await api.invoke('sources.openSample', {});
    if (result.ok) {
      setSample({ busy: false, error: null });
      onOpened(result.value);
    } else {
      setSample({ busy: false, error: result.error });
    }
  }, [api, onOpened]);

  const closeSource = useCallback(
    async (sourceId: string) => {
      setClosing((prev) => new Set(prev).add(sourceId));
      setCloseErrors((prev) => {
        const next = new Map(prev);
        next.delete(sourceId);
        return next;
      });
      const result = await api.invoke('sources.close', { sourceId });
      setClosing((prev) => {
        const next = new Set(prev);
        next.delete(sourceId);
        return next;
      });
      // UNKNOWN_SOURCE: the engine no longer has it open, which is what closing wanted.
      if (result.ok || result.error.code === 'UNKNOWN_SOURCE') {
        envelopeStore.dropSource(sourceId);
        dispatch({ type: 'source-closed', sourceId });
      } else {
        setCloseErrors((prev) => new Map(prev).set(sourceId, result.error));
      }
    },
    [api, envelopeStore],
  );

  const onProfileSaved = useCallback(
    (saved: ProfileSummary) => {
      setWizard(null);
      // Saving forgets any earlier check of this profile; testing the saved profile at once gives the
      // sidebar a true state and warms the token cache browsing will use. A delegated profile
      // nobody is signed in for would only fail: its page asks for the sign-in instead.
      if (saved.secretStored && (!saved.signIn || saved.signIn.account)) setAutoTestId(saved.id);
      dispatch({ type: 'profile-selected', id: saved.id });
      void refreshProfiles();
    },
    [refreshProfiles],
  );

  const onProfileRemoved = useCallback(
    async (id: string) => {
      const next = await refreshProfiles();
      const remaining = next?.profiles.filter((p) => p.id !== id) ?? [];
      const first = remaining[0];
      dispatch({ type: 'profile-selected', id: first && state.sources.length === 0 ? first.id : null });
    },
    [refreshProfiles, state.sources.length],
  );

  const exportProfiles = useCallback(async () => {
    setTransfer({ busy: 'export', error: null });
    const result = await api.invoke('profiles.export', {});
    if (!result.ok) {
      setTransfer({ busy: null, error: result.error });
      return;
    }
    // A Blob URL and <a download>: the same in the browser harness and Electron, no file API needed.
    const url = URL.createObjectURL(new Blob([result.value.json], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'mailscope-profiles.json';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setTransfer({ busy: null, error: null });
  }, [api]);

  const importProfiles = useCallback(
    async (file: File) => {
      setTransfer({ busy: 'import', error: null });
      const json = await file.text();
      if (!json.trim()) {
        setTransfer({
          busy: null,
          error: {
            code: 'PROFILE_INVALID',
            message: `${file.name} is empty.`,
            hint: 'Choose a file made by Export profiles.',
          },
        });
        return;
      }
      const result = await api.invoke('profiles.import', { json });
      if (!result.ok) {
        setTransfer({ busy: null, error: result.error });
        return;
      }
      setTransfer({ busy: null, error: null });
      setImportReport(result.value);
      await refreshProfiles();
      const first = result.value.imported[0];
      if (first && state.sources.length === 0 && !state.profile)
        dispatch({ type: 'profile-selected', id: first.id });
    },
    [api, refreshProfiles, state.sources.length, state.profile],
  );

  // With nothing open, the first shared mailbox is the natural page to show.
  const firstProfileId = profiles.state?.profiles[0]?.id ?? null;
  useEffect(() => {
    if (state.sources.length === 0 && !state.profile && firstProfileId)
      dispatch({ type: 'profile-selected', id: firstProfileId });
  }, [firstProfileId, state.sources.length, state.profile]);

  const appInfo = info?.ok ? info.value : null;
  const profileList = profiles.state?.profiles ?? [];

  /**
   * Opens the Nth shared mailbox (switches to it when it is open already). A press while another
   * is still opening is not dropped (on a busy machine that took the user's Ctrl+2 away): the last
   * such press runs when the current one is done.
   */
  const shortcutBusy = useRef(false);
  const queuedShortcut = useRef<number | null>(null);
  const openNthProfile = async (n: number) => {
    const profile = profileList[n - 1];
    if (!profile) return;
    if (shortcutBusy.current) {
      queuedShortcut.current = n;
      return;
    }
    shortcutBusy.current = true;
    try {
      setProfileShortcut({ name: profile.name, busy: true, error: null });
      const result = await api.invoke('sources.openProfile', { profileId: profile.id });
      if (result.ok) {
        setProfileShortcut(null);
        onOpened(result.value);
      } else {
        // Its page is where the user can test the connection or fix the profile.
        dispatch({ type: 'profile-selected', id: profile.id });
        setProfileShortcut({ name: profile.name, busy: false, error: result.error });
      }
    } finally {
      shortcutBusy.current = false;
    }
    const next = queuedShortcut.current;
    queuedShortcut.current = null;
    if (next !== null) void openNthProfileRef.current(next);
  };
  const openNthProfileRef = useRef(openNthProfile);
  useEffect(() => {
    openNthProfileRef.current = openNthProfile;
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Shortcuts act on the main window, never on the page behind a dialog.
      if (event.defaultPrevented || modalOpen()) return;
      const mod = (event.ctrlKey || event.metaKey) && !event.altKey;
      // By physical key, so layouts that type digits with Shift (AZERTY) work too.
      const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
      if (mod && !event.shiftKey && event.key.toLowerCase() === 'o') {
        event.preventDefault();
        setDialog('open');
      } else if (mod && !event.shiftKey && event.key === ',') {
        event.preventDefault();
        setDialog('settings');
      } else if (mod && event.shiftKey && event.code === 'KeyM') {
        event.preventDefault();
        setDialog('find-id');
      } else if (mod && digit) {
        event.preventDefault();
        void openNthProfileRef.current(Number(digit));
      } else if (
        event.key === '?' &&
        !event.ctrlKey &&
        !event.metaKey &&
        !event.altKey &&
        !isTyping(event.target)
      ) {
        event.preventDefault();
        setDialog('shortcuts');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
  // The desktop menu's Find by Message-ID… (its accelerator is this same shortcut).
  useAppCommand('find-message-id', () => setDialog('find-id'));

  /** A message Find by Message-ID found: its mailbox opened if need be, its folder, the message. */
  const showFound = async (found: FoundMessage) => {
    setDialog(null);
    let { sourceId } = found;
    if (found.profileId && !state.sources.some((s) => s.id === sourceId)) {
      // The lookup opened it in the engine; the sidebar learns of it now (the same source).
      const result = await api.invoke('sources.openProfile', { profileId: found.profileId });
      if (!result.ok) {
        setProfileShortcut({ name: 'the mailbox', busy: false, error: result.error });
        return;
      }
      onOpened(result.value);
      sourceId = result.value.id;
    }
    dispatch({ type: 'folder-selected', sourceId, folderId: found.folderId });
    const { id: messageId, size } = found.envelope;
    dispatch({ type: 'message-selected', messageId, size, folderId: found.folderId });
  };
  const activeProfile = state.profile ? (profileList.find((p) => p.id === state.profile?.id) ?? null) : null;
  const storeNotices = (profiles.state?.notices ?? [])
    .map((notice, index) => ({ key: `${index}\u0000${notice.code}\u0000${notice.message}`, notice }))
    .filter(({ key }) => !dismissedStoreNotices.has(key));
  const dismissStoreNotice = (key: string) => setDismissedStoreNotices((prev) => new Set(prev).add(key));
  const showWelcome = state.sources.length === 0 && profileList.length === 0 && !activeProfile;

  return (
    <>
      {showWelcome ? (
        <Welcome
          onAddMailbox={() => setWizard({})}
          storeNotices={storeNotices}
          onDismissStoreNotice={dismissStoreNotice}
          onImportProfiles={(file) => void importProfiles(file)}
          importError={transfer.error}
          onOpenSample={() => void openSample()}
          onOpenPath={() => setDialog('open')}
          sampleState={sample}
          engineError={info && !info.ok ? info.error : null}
          onRetryEngine={retryInfo}
          version={appInfo?.version ?? null}
        />
      ) : (
        <Shell
          state={state}
          dispatch={dispatch}
          info={appInfo}
          onOpen={() => setDialog('open')}
          onOpenSample={() => void openSample()}
          sampleState={sample}
          onDismissSampleError={() => setSample({ busy: false, error: null })}
          onCloseSource={(id) => void closeSource(id)}
          closing={closing}
          closeErrors={closeErrors}
          onShowShortcuts={() => setDialog('shortcuts')}
          onShowSettings={() => setDialog('settings')}
          onFindMessageId={() => setDialog('find-id')}
          layout={layout}
          busy={profileShortcut?.busy ? `Opening ${profileShortcut.name}…` : null}
          banner={
            profileShortcut?.error ? (
              <Notice
                tone="error"
                compact
                className="shell__banner"
                testId="shortcut-error"
                title={`Could not open ${profileShortcut.name}: ${profileShortcut.error.message}`}
                hint={profileShortcut.error.hint}
                onDismiss={() => setProfileShortcut(null)}
              />
            ) : null
          }
          profilesSection={
            <ProfileList
              profiles={profileList}
              activeId={activeProfile?.id ?? null}
              onSelect={(id) => dispatch({ type: 'profile-selected', id })}
              onAdd={() => setWizard({})}
              notices={storeNotices}
              onDismissNotice={dismissStoreNotice}
              loadError={profiles.error}
              onRetryLoad={() => void refreshProfiles()}
              onExport={() => void exportProfiles()}
              onImportFile={(file) => void importProfiles(file)}
              transfer={transfer}
              onDismissTransferError={() => setTransfer({ busy: null, error: null })}
            />
          }
          profilePage={
            activeProfile && state.profile ? (
              <OnDemand label="Loading the mailbox page…">
                <ProfilePage
                  // A saved edit remounts the page: its test report was about the old settings.
                  key={`${activeProfile.id}\u0000${activeProfile.updatedAt}`}
                  profile={activeProfile}
                  sharedWith={profileList.filter(
                    (p) =>
                      p.id !== activeProfile.id &&
                      p.signIn !== null &&
                      p.signIn.signInId === activeProfile.signIn?.signInId,
                  )}
                  keychain={profiles.state?.keychain ?? null}
                  view={state.profile.view}
                  onView={(view) => dispatch({ type: 'profile-view', view })}
                  autoTest={autoTestId === activeProfile.id}
                  onAutoTested={() => setAutoTestId(null)}
                  onEdit={() => setWizard({ profile: activeProfile })}
                  onDuplicated={(copy) => {
                    dispatch({ type: 'profile-selected', id: copy.id });
                    void refreshProfiles();
                  }}
                  onRemoved={(id) => void onProfileRemoved(id)}
                  onChanged={() => void refreshProfiles()}
                  onOpened={onOpened}
                />
              </OnDemand>
            ) : null
          }
        />
      )}
      {wizard ? (
        <OnDemand label="Opening the mailbox wizard…" overlay>
          <ProfileWizard
            {...(wizard.profile ? { profile: wizard.profile } : {})}
            keychain={profiles.state?.keychain ?? null}
            onClose={() => setWizard(null)}
            onSaved={onProfileSaved}
          />
        </OnDemand>
      ) : null}
      {importReport ? (
        <OnDemand label="Opening the import report…" overlay>
          <ImportDialog report={importReport} onClose={() => setImportReport(null)} />
        </OnDemand>
      ) : null}
      {dialog === 'open' || outside.paths.length > 0 ? (
        <OpenDialog
          key={outside.paths.length > 0 ? `outside-${outside.head}` : 'open'}
          nativeDialogs={appInfo?.nativeDialogs ?? false}
          {...(outside.paths[0] ? { initialPath: outside.paths[0] } : {})}
          onClose={() => {
            if (outside.paths.length > 0) nextOutside();
            if (outside.paths.length <= 1) setDialog(null);
          }}
          onOpened={onOpened}
        />
      ) : null}
      {outsideOverlay}
      <EngineFaultNotice />
      {dialog === 'shortcuts' ? (
        <OnDemand label="Opening the shortcuts…" overlay>
          <ShortcutsDialog onClose={() => setDialog(null)} />
        </OnDemand>
      ) : null}
      {dialog === 'find-id' ? (
        <OnDemand label="Opening Find by Message-ID…" overlay>
          <MessageIdDialog
            profiles={profileList}
            sources={state.sources}
            onClose={() => setDialog(null)}
            onShow={(found) => void showFound(found)}
          />
        </OnDemand>
      ) : null}
      {dialog === 'settings' ? (
        <OnDemand label="Opening View settings…" overlay>
          <SettingsDialog onClose={() => setDialog(null)} onResetLayout={layout.reset} />
        </OnDemand>
      ) : null}
    </>
  );
}
