import { createHash, createPrivateKey, type KeyObject, X509Certificate } from 'node:crypto';
import { AppError } from '../common/app-error';
import { PfxError, readPfx } from './pfx';
import type { SecretStore } from './secret-store';

/**
 * App certificates for the certificate credential: PEM (key and certificate in one paste or two)
 * or PFX/PKCS#12 with its passphrase. We check what Entra and MSAL will check, earlier and with
 * better words: the key is RSA and belongs to the certificate, the certificate is in date, and we
 * compute the thumbprints MSAL sends (SHA-1 `x5t`, SHA-256 `x5t#S256`) and the x5c chain.
 *
 * The private key leaves this module only through `storeCertificateKey` into the SecretStore.
 */

export type CertificateInput =
  /** One PEM blob with both parts, or the certificate in `pem` and the key in `keyPem`. */
  | { format: 'pem'; pem: string; keyPem?: string; passphrase?: string }
  | { format: 'pfx'; data: Uint8Array; passphrase: string };

export type CertificateFailureReason =
  | 'no-certificate'
  | 'no-private-key'
  | 'passphrase-needed'
  | 'wrong-passphrase'
  | 'key-mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'not-rsa'
  | 'unreadable'
  | 'unsupported';

export class CertificateError extends AppError {
  constructor(
    readonly reason: CertificateFailureReason,
    message: string,
    hint: string,
  ) {
    super('CERTIFICATE_INVALID', message, hint);
    this.name = 'CertificateError';
  }
}

/** Public facts, safe to show and to keep in the profile. */
export interface CertificateSummary {
  thumbprintSha1: string;
  thumbprintSha256: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  keyBits: number | null;
  /** PEM of the leaf first, then any other certificates given: MSAL's `x5c`. */
  chainPem: string;
  /** Worth telling, not worth refusing: expires soon, short key. */
  warnings: string[];
}

export interface ParsedCertificate extends CertificateSummary {
  /** Unencrypted PKCS#8 PEM: for the SecretStore only, never for disk, logs or IPC. */
  privateKeyPem: string;
}

export interface ParseOptions {
  now?: Date;
  /** Warn when the certificate expires within this many days (default 30). */
  warnDays?: number;
}

const DAY_MS = 86_400_000;

/** Guesses the format from the bytes: PEM is text starting with `-----BEGIN`, anything else is tried as PFX. */
export function detectCertificateInput(data: Uint8Array, passphrase = ''): CertificateInput {
  const head = Buffer.from(data.subarray(0, 4096)).toString('latin1');
  if (/-----BEGIN /.test(head)) {
    return { format: 'pem', pem: Buffer.from(data).toString('utf8'), ...(passphrase ? { passphrase } : {}) };
  }
  return { format: 'pfx', data, passphrase };
}

export function parseCertificate(input: CertificateInput, options: ParseOptions = {}): ParsedCertificate {
  const { keys, certificates } = input.format === 'pem' ? fromPem(input) : fromPfx(input);
  if (certificates.length === 0) {
    throw new CertificateError(
      'no-certificate',
      'No certificate found: the input holds no “-----BEGIN CERTIFICATE-----” block.',
      'Give the certificate (.cer/.crt/.pem) as well as its private key, or a PFX file that holds both.',
    );
  }
  if (keys.length === 0) {
    throw new CertificateError(
      'no-private-key',
      'No private key found: Mailscope needs the private key to sign in with this certificate.',
      'Give the private key (“-----BEGIN PRIVATE KEY-----”) too, or a PFX file exported with its private key.',
    );
  }
  let pair: { key: KeyObject; cert: X509Certificate } | undefined;
  for (const key of keys) {
    const cert = certificates.find((candidate) => safeCheck(candidate, key));
    if (cert) {
      pair = { key, cert };
      break;
    }
  }
  if (!pair) {
    const first = certificates[0] as X509Certificate;
    throw new CertificateError(
      'key-mismatch',
      `The private key does not belong to this certificate (${oneLine(first.subject)}, thumbprint ${sha1(first)}).`,
      'Use the key that was created together with the certificate; a renewed certificate has a new key.',
    );
  }
  const { key, cert } = pair;
  if (key.asymmetricKeyType !== 'rsa') {
    throw new CertificateError(
      'not-rsa',
      `The certificate's key is ${(key.asymmetricKeyType ?? 'unknown').toUpperCase()}, but Microsoft Entra app credentials must use an RSA key.`,
      'Create an RSA certificate (2048 bits or more), upload it to the app registration, and import it here.',
    );
  }
  const now = options.now ?? new Date();
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (notAfter.getTime() < now.getTime()) {
    throw new CertificateError(
      'expired',
      `The certificate has expired on ${notAfter.toISOString()}.`,
      'Create a new certificate, upload its public part under the app registration’s Certificates & secrets, and import it here.',
    );
  }
  if (notBefore.getTime() > now.getTime()) {
    throw new CertificateError(
      'not-yet-valid',
      `The certificate is not valid until ${notBefore.toISOString()}.`,
      'Check the computer’s clock, or wait until the certificate’s start date.',
    );
  }
  const warnings: string[] = [];
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  if (daysLeft < (options.warnDays ?? 30)) {
    warnings.push(
      `The certificate expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'}, on ${notAfter.toISOString()}.`,
    );
  }
  const keyBits = key.asymmetricKeyDetails?.modulusLength ?? null;
  if (keyBits !== null && keyBits < 2048) {
    warnings.push(
      `The key is ${keyBits}-bit RSA; Microsoft recommends at least 2048 bits and may refuse shorter keys.`,
    );
  }
  const others = certificates.filter((candidate) => candidate !== cert);
  return {
    thumbprintSha1: sha1(cert),
    thumbprintSha256: createHash('sha256').update(cert.raw).digest('hex'),
    subject: oneLine(cert.subject),
    issuer: oneLine(cert.issuer),
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    keyBits,
    chainPem: [cert, ...others].map((item) => item.toString().trim()).join('\n') + '\n',
    warnings,
    privateKeyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The public part, for the profile and the UI. */
export function summarise(parsed: ParsedCertificate): CertificateSummary {
  const { privateKeyPem: _key, ...summary } = parsed;
  return summary;
}

/** Puts the private key in the SecretStore and returns only public facts. */
export async function storeCertificateKey(
  secrets: SecretStore,
  profileId: string,
  parsed: ParsedCertificate,
): Promise<CertificateSummary> {
  await secrets.set(profileId, 'certificate-key', parsed.privateKeyPem);
  return summarise(parsed);
}

interface Parts {
  keys: KeyObject[];
  certificates: X509Certificate[];
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

function fromPem(input: Extract<CertificateInput, { format: 'pem' }>): Parts {
  const text = `${input.pem}\n${input.keyPem ?? ''}`;
  const parts: Parts = { keys: [], certificates: [] };
  for (const match of text.matchAll(PEM_BLOCK)) {
    const block = match[0];
    const label = match[1] ?? '';
    if (label === 'CERTIFICATE' || label === 'TRUSTED CERTIFICATE') {
      try {
        parts.certificates.push(new X509Certificate(block));
      } catch {
        throw unreadable('A “CERTIFICATE” block could not be read: it is damaged or incomplete.');
      }
    } else if (label.endsWith('PRIVATE KEY')) {
      parts.keys.push(pemKey(block, label, input.passphrase));
    }
  }
  if (parts.keys.length === 0 && parts.certificates.length === 0) {
    throw unreadable(
      'No PEM blocks found: expected “-----BEGIN CERTIFICATE-----” and “-----BEGIN PRIVATE KEY-----”.',
    );
  }
  return parts;
}

function pemKey(block: string, label: string, passphrase: string | undefined): KeyObject {
  const encrypted = label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block);
  if (encrypted && !passphrase) {
    throw new CertificateError(
      'passphrase-needed',
      'The private key is encrypted: enter its passphrase.',
      'This is the passphrase chosen when the key was exported.',
    );
  }
  try {
    return createPrivateKey(
      encrypted ? { key: block, format: 'pem', passphrase } : { key: block, format: 'pem' },
    );
  } catch {
    if (encrypted) {
      throw new CertificateError(
        'wrong-passphrase',
        'Wrong passphrase for the private key: it cannot be decrypted with the passphrase you entered.',
        'Check the passphrase (it is case-sensitive).',
      );
    }
    throw unreadable(
      `The “${label}” block could not be read: it is damaged, incomplete, or of a kind Mailscope does not know.`,
    );
  }
}

function fromPfx(input: Extract<CertificateInput, { format: 'pfx' }>): Parts {
  let contents;
  try {
    contents = readPfx(input.data, input.passphrase);
  } catch (error) {
    if (!(error instanceof PfxError)) throw error;
    if (error.reason === 'wrong-passphrase') {
      throw new CertificateError(
        'wrong-passphrase',
        'Wrong PFX passphrase: the file cannot be opened with it.',
        'Check the passphrase (it is case-sensitive); it was chosen when the file was exported.',
      );
    }
    throw new CertificateError(
      error.reason === 'unsupported' ? 'unsupported' : 'unreadable',
      error.message,
      'Export the certificate again as PFX with AES-256, or as PEM (certificate and private key).',
    );
  }
  const parts: Parts = { keys: [], certificates: [] };
  for (const der of contents.keys) {
    try {
      parts.keys.push(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }));
    } catch {
      throw unreadable('The private key in the PFX file could not be read.');
    }
  }
  for (const der of contents.certificates) {
    try {
      parts.certificates.push(new X509Certificate(der));
    } catch {
      throw unreadable('A certificate in the PFX file could not be read.');
    }
  }
  return parts;
}

function safeCheck(cert: X509Certificate, key: KeyObject): boolean {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false;
  }
}

function sha1(cert: X509Certificate): string {
  return createHash('sha1').update(cert.raw).digest('hex');
}

/** Node gives distinguished names one attribute per line; one line reads better everywhere we show it. */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

function unreadable(message: string): CertificateError {
  return new CertificateError(
    'unreadable',
    message,
    'Export the certificate again, as PEM or as PFX with its private key.',
  );
}
