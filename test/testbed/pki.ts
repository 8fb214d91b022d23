/**
 * Per-run PKI for the test bed: a throwaway CA, a TLS leaf for 127.0.0.1/localhost (used by the
 * fake identity platform and by Dovecot), and app certificates for certificate credentials.
 *
 * Keys come from Node's own WebCrypto; @peculiar/x509 only builds the certificates. TLS keys are
 * ECDSA P-256 because generating them is ~1 ms (RSA 2048 is ~50-200 ms each and start() has a
 * 10 s budget). App certificates must be RSA: MSAL signs client assertions with RS256 or PS256.
 */
import { createHash, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
// @peculiar/x509 registers its classes with tsyringe, which needs a Reflect metadata polyfill.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';

// Node's WebCrypto is the provider; its type differs nominally from the DOM `Crypto` x509 declares.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const subtle = webcrypto.subtle;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const rsa = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
} as const;

export interface TestCa {
  certPem: string;
  keys: CryptoKeyPair;
  cert: x509.X509Certificate;
}

export interface IssuedCert {
  certPem: string;
  keyPem: string;
  /** Hex SHA-1 of the DER certificate: what the Entra portal shows as "Thumbprint". */
  thumbprintSha1: string;
  thumbprintSha256: string;
}

async function keyToPem(key: CryptoKey): Promise<string> {
  const der = await subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function thumbprints(certPem: string): { thumbprintSha1: string; thumbprintSha256: string } {
  const der = new NodeX509(certPem).raw;
  return {
    thumbprintSha1: createHash('sha1').update(der).digest('hex'),
    thumbprintSha256: createHash('sha256').update(der).digest('hex'),
  };
}

/**
 * Per-run certificates live for 90 days, like a typical public server certificate: shorter ones
 * would trip the diagnostics' "expires soon" warning and hide real warnings in tests.
 */
const SERVER_DAYS = 90;

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // Backdated an hour so clock skew between processes never makes a fresh cert "not yet valid".
  const notBefore = new Date(Date.now() - 3_600_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * 86_400_000) };
}

export async function createCa(commonName = 'Mailscope Test Bed CA'): Promise<TestCa> {
  const keys = await subtle.generateKey({ ...ecdsa }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    ...validity(SERVER_DAYS),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certPem: cert.toString('pem'), keys, cert };
}

/** A server certificate for loopback, signed by the test CA. */
export async function issueServerCert(ca: TestCa): Promise<IssuedCert> {
  const keys = await subtle.generateKey({ ...ecdsa }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=127.0.0.1',
    issuer: ca.cert.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' },
    ...validity(SERVER_DAYS),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        { type: 'ip', value: '127.0.0.1' },
        { type: 'ip', value: '127.0.0.2' },
        { type: 'dns', value: 'localhost' },
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  const certPem = cert.toString('pem');
  return { certPem, keyPem: await keyToPem(keys.privateKey), ...thumbprints(certPem) };
}

/**
 * A self-signed RSA certificate as an app registration's "Certificates & secrets" holds
 * (Entra does not care who issued it; it matches the thumbprint and the signature).
 */
export async function createAppCertificate(commonName: string, days = 365): Promise<IssuedCert> {
  const keys = await subtle.generateKey({ ...rsa }, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${commonName}`,
    keys,
    ...validity(days),
  });
  const certPem = cert.toString('pem');
  return { certPem, keyPem: await keyToPem(keys.privateKey), ...thumbprints(certPem) };
}
