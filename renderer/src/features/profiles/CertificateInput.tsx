import { type ChangeEvent, useId, useState } from 'react';
import type { ErrorInfo } from '../../../../shared/errors';
import type { CertificateFacts, ProfileSummary, SecretInput } from '../../../../shared/model';
import { useApi } from '../../api-context';
import { ErrorNotice, Notice, Spinner } from '../../components/Notice';
import { formatFullDate } from '../../components/format';

/**
 * The certificate credential: PEM pasted or read from .pem/.crt/.key files, or a PFX read as bytes,
 * then parsed by the engine (profiles.inspectCertificate) so the user sees whose certificate it is
 * and when it expires before saving. The private key only ever travels renderer → main.
 */

export interface CertificateState {
  mode: 'pem' | 'pfx';
  pem: string;
  /** A key from its own file, when the certificate file holds none. */
  keyPem: string;
  pfxBase64: string;
  pfxName: string;
  passphrase: string;
  /** Something was entered (so "check it" applies). */
  hasInput: boolean;
  facts: CertificateFacts | null;
  error: ErrorInfo | null;
  busy: boolean;
}

export const EMPTY_CERTIFICATE: CertificateState = {
  mode: 'pem',
  pem: '',
  keyPem: '',
  pfxBase64: '',
  pfxName: '',
  passphrase: '',
  hasInput: false,
  facts: null,
  error: null,
  busy: false,
};

export function certificateSecret(state: CertificateState): SecretInput | null {
  if (state.mode === 'pfx') {
    return state.pfxBase64
      ? { kind: 'certificate-pfx', pfxBase64: state.pfxBase64, passphrase: state.passphrase }
      : null;
  }
  if (!state.pem.trim()) return null;
  return {
    kind: 'certificate-pem',
    pem: state.pem,
    ...(state.keyPem.trim() ? { keyPem: state.keyPem } : {}),
    ...(state.passphrase ? { passphrase: state.passphrase } : {}),
  };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

const PFX = /\.(pfx|p12)$/i;

interface CertificateInputProps {
  state: CertificateState;
  onChange: (state: CertificateState) => void;
  stored: ProfileSummary['certificate'] | null;
  canKeepStored: boolean;
}

export function CertificateInput({ state, onChange, stored, canKeepStored }: CertificateInputProps) {
  const id = useId();
  const api = useApi();
  const [fileNames, setFileNames] = useState<string[]>([]);

  const inspect = async (next: CertificateState) => {
    const secret = certificateSecret(next);
    if (!secret) {
      onChange({ ...next, facts: null, error: null, busy: false });
      return;
    }
    onChange({ ...next, busy: true, facts: null, error: null });
    const result = await api.invoke('profiles.inspectCertificate', { secret });
    onChange({
      ...next,
      busy: false,
      facts: result.ok ? result.value : null,
      error: result.ok ? null : result.error,
    });
  };

  const edit = (patch: Partial<CertificateState>) => {
    const next = { ...state, ...patch, facts: null, error: null };
    onChange({ ...next, hasInput: Boolean(certificateSecret(next)) });
  };

  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (!files.length) return;
    setFileNames(files.map((f) => f.name));
    const pfx = files.find((f) => PFX.test(f.name));
    if (pfx) {
      const pfxBase64 = toBase64(new Uint8Array(await pfx.arrayBuffer()));
      const next: CertificateState = {
        ...state,
        mode: 'pfx',
        pfxBase64,
        pfxName: pfx.name,
        pem: '',
        keyPem: '',
        hasInput: true,
      };
      // A PFX usually has a passphrase: ask for it before parsing, unless one is typed already.
      if (next.passphrase) await inspect(next);
      else onChange({ ...next, facts: null, error: null });
      return;
    }
    const texts = await Promise.all(files.map((f) => f.text()));
    // Certificates first, a key-only file as the separate key: the order the engine expects.
    const certs = texts.filter((t) => /-----BEGIN CERTIFICATE-----/.test(t));
    const keys = texts.filter((t) => !/-----BEGIN CERTIFICATE-----/.test(t));
    const next: CertificateState = {
      ...state,
      mode: 'pem',
      pem: (certs.length ? certs : keys).join('\n'),
      keyPem: certs.length ? keys.join('\n') : '',
      pfxBase64: '',
      pfxName: '',
      hasInput: true,
    };
    await inspect(next);
  };

  const pemId = `${id}-pem`;
  const passId = `${id}-pass`;
  const factsId = `${id}-facts`;

  return (
    <div className="certificate" data-testid="field-certificate">
      {stored ? (
        <Notice
          tone="info"
          live="none"
          compact
          title={`Stored certificate: ${stored.subject}`}
          hint={`SHA-1 ${stored.thumbprintSha1} · expires ${formatFullDate(stored.notAfter)}${canKeepStored ? '. Leave the fields below empty to keep it.' : ''}`}
        />
      ) : null}
      <div className="wizard-field">
        <label htmlFor={`${id}-file`} className="field-label">
          Certificate file
        </label>
        <input
          id={`${id}-file`}
          className="file-input"
          type="file"
          multiple
          accept=".pem,.crt,.cer,.key,.pfx,.p12"
          data-testid="certificate-file"
          aria-describedby={`${id}-file-help`}
          onChange={(event) => void onFiles(event)}
        />
        <p id={`${id}-file-help`} className="field-help">
          PEM (.pem, .crt and .key: choose both if the key is separate) or PFX (.pfx, .p12) with its
          passphrase.
          {fileNames.length ? ` Chosen: ${fileNames.join(', ')}.` : ''}
        </p>
      </div>
      {state.mode === 'pem' ? (
        <div className="wizard-field">
          <label htmlFor={pemId} className="field-label">
            Or paste PEM (certificate and private key)
          </label>
          <textarea
            id={pemId}
            className="text-input certificate__pem"
            rows={5}
            spellCheck={false}
            value={state.pem}
            placeholder={
              '-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\n…'
            }
            aria-describedby={state.facts || state.error ? factsId : undefined}
            onChange={(event) => edit({ pem: event.target.value, mode: 'pem' })}
            onBlur={() => {
              if (state.pem.trim() && !state.facts && !state.busy) void inspect(state);
            }}
          />
          {state.keyPem ? <p className="field-help">Private key read from its own file.</p> : null}
        </div>
      ) : (
        <p className="field-help">
          PFX file: <strong>{state.pfxName}</strong>{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => edit({ mode: 'pem', pfxBase64: '', pfxName: '' })}
          >
            Use PEM instead
          </button>
        </p>
      )}
      <div className="wizard-field wizard-field--narrow">
        <label htmlFor={passId} className="field-label">
          Passphrase {state.mode === 'pem' ? '(for an encrypted private key)' : ''}
        </label>
        <input
          id={passId}
          className="text-input"
          type="password"
          autoComplete="off"
          value={state.passphrase}
          onChange={(event) => edit({ passphrase: event.target.value })}
        />
      </div>
      <div className="certificate__check">
        <button
          type="button"
          className="button"
          disabled={!certificateSecret(state) || state.busy}
          onClick={() => void inspect(state)}
        >
          {state.busy ? <Spinner size={14} /> : null}
          Check certificate
        </button>
      </div>
      <div id={factsId}>
        {state.error ? <ErrorNotice error={state.error} testId="certificate-error" /> : null}
        {state.facts ? (
          <div className="certificate__facts" data-testid="certificate-facts" role="status">
            <dl>
              <dt>Subject</dt>
              <dd>{state.facts.subject}</dd>
              <dt>Issuer</dt>
              <dd>{state.facts.issuer}</dd>
              <dt>SHA-1 thumbprint</dt>
              <dd className="mono">{state.facts.thumbprintSha1}</dd>
              <dt>SHA-256 thumbprint</dt>
              <dd className="mono">{state.facts.thumbprintSha256}</dd>
              <dt>Valid</dt>
              <dd>
                {formatFullDate(state.facts.notBefore)} – {formatFullDate(state.facts.notAfter)}
              </dd>
              {state.facts.keyBits ? (
                <>
                  <dt>Key</dt>
                  <dd>{state.facts.keyBits} bits</dd>
                </>
              ) : null}
            </dl>
            {state.facts.warnings.map((warning, index) => (
              <Notice key={index} tone="warning" live="none" compact title={warning} />
            ))}
            <p className="field-help">
              Upload this certificate (public part) to the app registration: Certificates &amp; secrets →
              Certificates. The SHA-1 thumbprint must match the one Entra shows.
            </p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
