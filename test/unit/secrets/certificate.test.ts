import { createHash, createPrivateKey, createSign, X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  detectCertificateInput,
  parseCertificate,
  storeCertificateKey,
  summarise,
} from '../../../electron/core/secrets/certificate';
import { MemorySecretStore } from '../../../electron/core/secrets/secret-store';
import { encryptKey, makeCert, makePfx, type TestCert } from './cert-fixtures';

const DAY = 86_400_000;

function failure(run: () => unknown): CertificateError {
  try {
    run();
  } catch (error) {
    if (error instanceof CertificateError) return error;
    throw error;
  }
  throw new Error('expected a CertificateError');
}

let good: TestCert;
let other: TestCert;
let sha1: string;
let sha256: string;

beforeAll(async () => {
  [good, other] = await Promise.all([
    makeCert({ cn: 'Contoso mail reader' }),
    makeCert({ cn: 'Someone else' }),
  ]);
  const der = new X509Certificate(good.certPem).raw;
  sha1 = createHash('sha1').update(der).digest('hex');
  sha256 = createHash('sha256').update(der).digest('hex');
});

describe('PEM input', () => {
  it('reads key and certificate from one blob, with thumbprints, dates and the x5c chain', () => {
    const parsed = parseCertificate({ format: 'pem', pem: `${good.keyPem}\n${good.certPem}` });
    expect(parsed.thumbprintSha1).toBe(sha1);
    expect(parsed.thumbprintSha256).toBe(sha256);
    expect(parsed.subject).toBe('CN=Contoso mail reader');
    expect(parsed.keyBits).toBe(2048);
    expect(parsed.chainPem).toContain('-----BEGIN CERTIFICATE-----');
    expect(parsed.chainPem).not.toContain('PRIVATE KEY');
    expect(new Date(parsed.notAfter).getTime()).toBeGreaterThan(Date.now());
    expect(parsed.warnings).toEqual([]);
    // The key we hand to MSAL signs what the certificate verifies.
    const signature = createSign('sha256').update('x').sign(createPrivateKey(parsed.privateKeyPem));
    expect(new X509Certificate(parsed.chainPem).publicKey.asymmetricKeyType).toBe('rsa');
    expect(signature.length).toBe(256);
  });

  it('reads them from two blobs, in either order, and picks the leaf among extra certificates', () => {
    const parsed = parseCertificate({
      format: 'pem',
      pem: `${other.certPem}${good.certPem}`,
      keyPem: good.keyPem,
    });
    expect(parsed.thumbprintSha1).toBe(sha1);
    // Leaf first in x5c, then the rest.
    expect(parsed.chainPem.indexOf(good.certPem.trim())).toBe(0);
    expect(parsed.chainPem).toContain(other.certPem.trim());
  });

  it('decrypts an encrypted PKCS#8 key with its passphrase, and says when it is missing or wrong', () => {
    const encrypted = encryptKey(good.keyPem, 'k3y pass');
    expect(
      parseCertificate({ format: 'pem', pem: good.certPem, keyPem: encrypted, passphrase: 'k3y pass' })
        .thumbprintSha1,
    ).toBe(sha1);
    expect(
      failure(() => parseCertificate({ format: 'pem', pem: good.certPem, keyPem: encrypted })).reason,
    ).toBe('passphrase-needed');
    const wrong = failure(() =>
      parseCertificate({ format: 'pem', pem: good.certPem, keyPem: encrypted, passphrase: 'nope' }),
    );
    expect(wrong.reason).toBe('wrong-passphrase');
    expect(wrong.message).toMatch(/^Wrong passphrase for the private key/);
  });

  it('names a key that belongs to another certificate', () => {
    const error = failure(() => parseCertificate({ format: 'pem', pem: good.certPem, keyPem: other.keyPem }));
    expect(error.reason).toBe('key-mismatch');
    expect(error.message).toContain('The private key does not belong to this certificate');
    expect(error.message).toContain(sha1);
  });

  it('says which half is missing', () => {
    expect(failure(() => parseCertificate({ format: 'pem', pem: good.certPem })).reason).toBe(
      'no-private-key',
    );
    expect(failure(() => parseCertificate({ format: 'pem', pem: good.keyPem })).reason).toBe(
      'no-certificate',
    );
    expect(failure(() => parseCertificate({ format: 'pem', pem: 'hello' })).message).toMatch(
      /No PEM blocks found/,
    );
    const damaged = good.certPem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(failure(() => parseCertificate({ format: 'pem', pem: damaged, keyPem: good.keyPem })).reason).toBe(
      'unreadable',
    );
  });

  it('refuses an expired or not yet valid certificate, naming the date', async () => {
    const expired = await makeCert({
      from: new Date('2020-01-01T00:00:00Z'),
      to: new Date('2021-03-04T05:06:07Z'),
    });
    const error = failure(() =>
      parseCertificate({ format: 'pem', pem: expired.certPem, keyPem: expired.keyPem }),
    );
    expect(error.reason).toBe('expired');
    expect(error.message).toBe('The certificate has expired on 2021-03-04T05:06:07.000Z.');
    const future = await makeCert({
      from: new Date('2099-01-01T00:00:00Z'),
      to: new Date('2100-01-01T00:00:00Z'),
    });
    expect(
      failure(() => parseCertificate({ format: 'pem', pem: future.certPem, keyPem: future.keyPem })).message,
    ).toBe('The certificate is not valid until 2099-01-01T00:00:00.000Z.');
  });

  it('warns when the certificate expires soon', () => {
    const notAfter = new Date(new X509Certificate(good.certPem).validTo);
    const now = new Date(notAfter.getTime() - 10 * DAY - 1000);
    const parsed = parseCertificate({ format: 'pem', pem: good.certPem, keyPem: good.keyPem }, { now });
    expect(parsed.warnings).toEqual([`The certificate expires in 10 days, on ${notAfter.toISOString()}.`]);
  });

  it('refuses a non-RSA key, which Entra app credentials cannot use', async () => {
    const ec = await makeCert({ algorithm: 'ec' });
    const error = failure(() => parseCertificate({ format: 'pem', pem: ec.certPem, keyPem: ec.keyPem }));
    expect(error.reason).toBe('not-rsa');
    expect(error.message).toContain('must use an RSA key');
  });
});

describe('PFX input', () => {
  it('reads an OpenSSL 3 default PFX (AES-256, PBKDF2, SHA-256 MAC) with a non-ASCII passphrase', () => {
    const pfx = makePfx(good, 'pässwörd');
    const parsed = parseCertificate({ format: 'pfx', data: pfx, passphrase: 'pässwörd' });
    expect(parsed.thumbprintSha1).toBe(sha1);
    expect(parsed.thumbprintSha256).toBe(sha256);
    expect(createPrivateKey(parsed.privateKeyPem).equals(createPrivateKey(good.keyPem))).toBe(true);
  });

  it('reads the 3DES / SHA-1 PFX that Windows exports by default', () => {
    const pfx = makePfx(good, 'pässwörd', [
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
    ]);
    const parsed = parseCertificate({ format: 'pfx', data: pfx, passphrase: 'pässwörd' });
    expect(parsed.thumbprintSha1).toBe(sha1);
    expect(createPrivateKey(parsed.privateKeyPem).equals(createPrivateKey(good.keyPem))).toBe(true);
  });

  it('reads the legacy RC2-40 / 3DES PFX (openssl -legacy, older Windows and macOS)', () => {
    let legacy: Buffer | undefined;
    try {
      legacy = makePfx(good, 'pw', ['-legacy']);
    } catch {
      // This openssl has no legacy provider: it cannot make the file, so nothing to test here.
    }
    if (legacy) {
      expect(parseCertificate({ format: 'pfx', data: legacy, passphrase: 'pw' }).thumbprintSha1).toBe(sha1);
    }
  });

  it('reads PFX files with an empty passphrase, without a MAC, and without encryption', () => {
    expect(parseCertificate({ format: 'pfx', data: makePfx(good, ''), passphrase: '' }).thumbprintSha1).toBe(
      sha1,
    );
    expect(
      parseCertificate({ format: 'pfx', data: makePfx(good, 'pw', ['-nomac']), passphrase: 'pw' })
        .thumbprintSha1,
    ).toBe(sha1);
    expect(
      parseCertificate({ format: 'pfx', data: makePfx(good, 'pässwörd', ['-nomac']), passphrase: 'pässwörd' })
        .thumbprintSha1,
    ).toBe(sha1);
    const plain = makePfx(good, 'pw', ['-keypbe', 'NONE', '-certpbe', 'NONE']);
    expect(parseCertificate({ format: 'pfx', data: plain, passphrase: 'pw' }).thumbprintSha1).toBe(sha1);
  });

  it('keeps the extra certificates of a PFX in the chain, leaf first, byte for byte', () => {
    const parsed = parseCertificate({
      format: 'pfx',
      data: makePfx(good, 'pw', [], [other]),
      passphrase: 'pw',
    });
    expect(parsed.thumbprintSha1).toBe(sha1);
    expect(parsed.chainPem.indexOf(good.certPem.trim())).toBe(0);
    expect(parsed.chainPem).toContain(other.certPem.trim());
  });

  it('says "Wrong PFX passphrase", with or without a MAC, for AES and 3DES', () => {
    const variants = [
      [],
      ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
      // Without a MAC a wrong key sometimes passes the padding check and yields garbage: try a few.
      ...Array.from({ length: 6 }, () => ['-nomac']),
    ];
    for (const extra of variants) {
      for (const passphrase of ['wrong', '', 'wröng']) {
        const error = failure(() =>
          parseCertificate({ format: 'pfx', data: makePfx(good, 'right', extra), passphrase }),
        );
        expect(error.reason).toBe('wrong-passphrase');
        expect(error.message).toMatch(/^Wrong PFX passphrase/);
      }
    }
  });

  it('says which part a PFX file lacks, and refuses a non-RSA key', async () => {
    const noKey = makePfx(good, 'pw', ['-nokeys']);
    const error = failure(() => parseCertificate({ format: 'pfx', data: noKey, passphrase: 'pw' }));
    expect(error.reason).toBe('no-private-key');
    expect(error.message).toMatch(/^No private key found/);
    const ec = await makeCert({ algorithm: 'ec' });
    const notRsa = failure(() =>
      parseCertificate({ format: 'pfx', data: makePfx(ec, 'pw'), passphrase: 'pw' }),
    );
    expect(notRsa.reason).toBe('not-rsa');
  });

  it('rejects garbage and truncated files as unreadable', () => {
    const garbage = failure(() =>
      parseCertificate({ format: 'pfx', data: Buffer.from('not a pfx at all'), passphrase: '' }),
    );
    expect(garbage.reason).toBe('unreadable');
    expect(garbage.message).toMatch(/^This is not a readable PFX\/PKCS#12 file/);
    const truncated = makePfx(good, 'pw').subarray(0, 500);
    expect(failure(() => parseCertificate({ format: 'pfx', data: truncated, passphrase: 'pw' })).reason).toBe(
      'unreadable',
    );
    const pem = failure(() =>
      parseCertificate({ format: 'pfx', data: Buffer.from(good.certPem), passphrase: '' }),
    );
    expect(pem.reason).toBe('unreadable');
  });

  it('tells PEM from PFX by content', () => {
    expect(detectCertificateInput(Buffer.from(good.certPem)).format).toBe('pem');
    expect(detectCertificateInput(makePfx(good, 'pw'), 'pw').format).toBe('pfx');
  });
});

describe('storing', () => {
  it('puts only the private key in the SecretStore and returns public facts', async () => {
    const secrets = new MemorySecretStore();
    const parsed = parseCertificate({ format: 'pem', pem: good.certPem, keyPem: good.keyPem });
    const summary = await storeCertificateKey(secrets, 'profile-1', parsed);
    expect(await secrets.get('profile-1', 'certificate-key')).toBe(parsed.privateKeyPem);
    expect(JSON.stringify(summary)).not.toContain('PRIVATE KEY');
    expect(summary).toEqual(summarise(parsed));
    expect(summary).not.toHaveProperty('privateKeyPem');
  });
});
