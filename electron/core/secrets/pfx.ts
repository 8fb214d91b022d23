import forge from 'node-forge';

/**
 * Reads a PKCS#12 (.pfx/.p12) file with node-forge: MAC check (SHA-1/256/384/512), PBES2 with
 * AES or 3DES, and the PKCS#12 PBEs with 3DES and 40-bit RC2. That covers Windows (3DES-SHA1 and
 * AES256-SHA256), macOS Keychain, Java and OpenSSL 1.x/3.x, including `-legacy`.
 *
 * This module only maps forge's results and errors to ours; the reading is forge's.
 */

export type PfxFailureReason = 'wrong-passphrase' | 'unsupported' | 'malformed';

export class PfxError extends Error {
  constructor(
    readonly reason: PfxFailureReason,
    message: string,
  ) {
    super(message);
    this.name = 'PfxError';
  }
}

export interface PfxContents {
  /** PKCS#8 PrivateKeyInfo DER of each key bag, decrypted. */
  keys: Buffer[];
  /** DER of each X.509 certificate bag. */
  certificates: Buffer[];
}

export function readPfx(pfx: Uint8Array, passphrase: string): PfxContents {
  let root: forge.asn1.Asn1;
  try {
    root = forge.asn1.fromDer(Buffer.from(pfx).toString('binary'));
  } catch (error) {
    throw new PfxError('malformed', `This is not a readable PFX/PKCS#12 file (${messageOf(error)}).`);
  }
  // Forge's own test for "has a MAC" (PFX ::= SEQUENCE { version, authSafe, macData OPTIONAL }).
  const hasMac = Array.isArray(root.value) && root.value.length > 2;
  try {
    return contents(open(root, passphrase, hasMac));
  } catch (error) {
    if (error instanceof PfxError) throw error;
    throw classify(messageOf(error), hasMac);
  }
}

function open(root: forge.asn1.Asn1, passphrase: string, hasMac: boolean): forge.pkcs12.Pkcs12Pfx {
  try {
    return forge.pkcs12.pkcs12FromAsn1(root, true, passphrase);
  } catch (error) {
    const message = messageOf(error);
    // Exporters disagree on whether an empty passphrase is "" (BMP terminator only) or none at all.
    if (passphrase === '' && hasMac && isMacFailure(message)) {
      return forge.pkcs12.pkcs12FromAsn1(root, true, undefined);
    }
    // Forge hands PBKDF2 the passphrase string as bytes, one per character; OpenSSL uses UTF-8
    // (forge issue #1073, open). When the MAC (which forge checks correctly, over BMP) has passed
    // or there is none, decrypt again with the UTF-8 bytes. The MAC is dropped from that second
    // read only because the UTF-8 form would fail it; it was already verified above.
    const utf8 = forge.util.encodeUtf8(passphrase);
    if (
      utf8 !== passphrase &&
      Array.isArray(root.value) &&
      !isMacFailure(message) &&
      !isUnsupported(message)
    ) {
      const withoutMac = { ...root, value: root.value.slice(0, 2) };
      return forge.pkcs12.pkcs12FromAsn1(withoutMac, true, utf8);
    }
    throw error;
  }
}

function contents(p12: forge.pkcs12.Pkcs12Pfx): PfxContents {
  const { oids } = forge.pki;
  const result: PfxContents = { keys: [], certificates: [] };
  for (const safe of p12.safeContents) {
    for (const bag of safe.safeBags) {
      if (bag.type === oids.keyBag || bag.type === oids.pkcs8ShroudedKeyBag) {
        // Forge parses RSA keys and leaves others (EC, …) as their PrivateKeyInfo ASN.1.
        const info = bag.key ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key)) : bag.asn1;
        result.keys.push(der(info));
      } else if (bag.type === oids.certBag) {
        // Forge keeps the parsed TBSCertificate, so this is the original encoding (thumbprints hold).
        result.certificates.push(der(bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1));
      }
    }
  }
  return result;
}

function classify(message: string, hasMac: boolean): PfxError {
  if (isMacFailure(message)) return wrongPassphrase();
  if (/password integrity mode/.test(message)) {
    return new PfxError(
      'unsupported',
      'This PFX file is protected with a public key, not a passphrase; Mailscope cannot read it.',
    );
  }
  if (isUnsupported(message)) {
    return new PfxError(
      'unsupported',
      `This PFX file uses an encryption or format Mailscope cannot read (${message}).`,
    );
  }
  if (OUTER_STRUCTURE.test(message)) {
    return new PfxError('malformed', `This is not a readable PFX/PKCS#12 file (${message}).`);
  }
  // Without a MAC, a wrong passphrase shows as bad padding or, when the padding happens to pass,
  // as garbage where the decrypted data should be.
  if (!hasMac) return wrongPassphrase();
  if (/decrypt/i.test(message)) {
    return new PfxError('malformed', 'This PFX file is damaged: part of it cannot be decrypted.');
  }
  return new PfxError('malformed', `This is not a readable PFX/PKCS#12 file (${message}).`);
}

/** Forge's errors about the layers read before anything is decrypted. */
const OUTER_STRUCTURE =
  /Cannot read PKCS#12 PFX|authSafe content|AuthenticatedSafe expected|Cannot read ContentInfo|Cannot read EncryptedContentInfo/;

function isMacFailure(message: string): boolean {
  return /MAC could not be verified/.test(message);
}

function isUnsupported(message: string): boolean {
  return /unsupported|not supported/i.test(message);
}

function wrongPassphrase(): PfxError {
  return new PfxError(
    'wrong-passphrase',
    'Wrong PFX passphrase: the file cannot be opened with the passphrase you entered.',
  );
}

function der(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(forge.asn1.toDer(node).getBytes(), 'binary');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
