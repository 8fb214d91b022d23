/**
 * Certificates for the secrets tests, made per run so none can expire in the repository. Keys and
 * certificates come from WebCrypto and @peculiar/x509 (test-only); PFX files from the `openssl`
 * command, which is fine in tests (product code reads PFX with node-forge).
 */
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const subtle = webcrypto.subtle;
const DAY = 86_400_000;

export interface TestCert {
  certPem: string;
  keyPem: string;
}

export async function makeCert(
  options: { cn?: string; from?: Date; to?: Date; algorithm?: 'rsa' | 'ec'; bits?: number } = {},
): Promise<TestCert> {
  const rsa = {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: options.bits ?? 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  };
  const ec = { name: 'ECDSA', namedCurve: 'P-256' };
  const algorithm = options.algorithm === 'ec' ? ec : rsa;
  const keys = (await subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${options.cn ?? 'Mailscope test app'}`,
    keys,
    signingAlgorithm: options.algorithm === 'ec' ? { name: 'ECDSA', hash: 'SHA-256' } : rsa,
    notBefore: options.from ?? new Date(Date.now() - DAY),
    notAfter: options.to ?? new Date(Date.now() + 365 * DAY),
  });
  const der = await subtle.exportKey('pkcs8', keys.privateKey);
  return { certPem: cert.toString('pem'), keyPem: x509.PemConverter.encode(der, 'PRIVATE KEY') };
}

/**
 * A PFX made by `openssl pkcs12 -export` with the given extra arguments (e.g. 3DES or no MAC;
 * `-nokeys` leaves the key out). `others` go in as extra certificates (`-certfile`).
 */
export function makePfx(
  cert: TestCert,
  passphrase: string,
  extra: string[] = [],
  others: TestCert[] = [],
): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'mailscope-pfx-'));
  try {
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'others.pem'), others.map((other) => other.certPem).join(''));
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        ...(extra.includes('-nokeys') ? [] : ['-inkey', 'key.pem']),
        ...(others.length > 0 ? ['-certfile', 'others.pem'] : []),
        '-in',
        'cert.pem',
        '-out',
        'out.pfx',
        '-passout',
        `pass:${passphrase}`,
        ...extra,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return readFileSync(join(dir, 'out.pfx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same key, encrypted as PKCS#8 with a passphrase. */
export function encryptKey(keyPem: string, passphrase: string): string {
  return execFileSync(
    'openssl',
    ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', `pass:${passphrase}`],
    {
      input: keyPem,
    },
  ).toString();
}
