import { useRef } from 'react';
import type { ImportReport } from '../../../../shared/model';
import { Modal } from '../../components/Modal';
import { Notice } from '../../components/Notice';
import { plural } from '../../components/format';

/** What an import did: the profiles added, each refused entry with its reasons, and the secret rule. */
export function ImportDialog({ report, onClose }: { report: ImportReport; onClose: () => void }) {
  const okRef = useRef<HTMLButtonElement>(null);
  // Whoever wrote the file chose these hosts: say so before anyone types a secret for them.
  const custom = report.imported.flatMap((profile) =>
    profile.cloud.kind === 'custom' ? [`${profile.name} (${profile.cloud.authorityHost})`] : [],
  );
  return (
    <Modal
      title="Import profiles"
      onClose={onClose}
      initialFocus={okRef}
      testId="import-dialog"
      description={`${plural(report.imported.length, 'profile', 'profiles')} imported${
        report.problems.length ? `, ${plural(report.problems.length, 'entry', 'entries')} refused` : ''
      }.`}
    >
      <div className="import-report">
        {report.imported.length ? (
          <section aria-labelledby="import-added">
            <h3 id="import-added" className="import-report__title">
              Added
            </h3>
            <ul className="import-report__list" data-testid="import-imported">
              {report.imported.map((profile) => (
                <li key={profile.id}>
                  <strong>{profile.name}</strong> <span className="muted">{profile.mailbox}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {custom.length ? (
          <Notice
            tone="warning"
            live="none"
            compact
            testId="import-custom-cloud"
            title={`${plural(custom.length, 'profile signs', 'profiles sign')} in somewhere other than Microsoft.`}
            hint={`${custom.join(', ')}: a custom cloud sends its secret or sign-in to that host. Use ${custom.length === 1 ? 'it' : 'them'} only if you trust who sent the file.`}
          />
        ) : null}
        {report.problems.length ? (
          <section aria-labelledby="import-problems">
            <h3 id="import-problems" className="import-report__title">
              Not imported
            </h3>
            <ul className="import-report__list" data-testid="import-problems">
              {report.problems.map((problem) => (
                <li key={problem.index}>
                  <strong>
                    Entry {problem.index + 1}
                    {problem.name ? ` (${problem.name})` : ''}
                  </strong>
                  <ul className="import-report__messages">
                    {problem.messages.map((message, index) => (
                      <li key={index}>{message}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <Notice
          tone="info"
          live="none"
          compact
          title="Secrets are never imported."
          hint={`Enter each mailbox’s client secret or certificate with Edit; delegated mailboxes ask you to sign in.${
            report.ignoredSecretFields
              ? ` ${plural(report.ignoredSecretFields, 'entry', 'entries')} carried secret-looking fields, which were dropped.`
              : ''
          }`}
        />
        <div className="confirm__actions">
          <button ref={okRef} type="button" className="button button--primary" onClick={onClose}>
            OK
          </button>
        </div>
      </div>
    </Modal>
  );
}
