/**
 * Debian packages the tests need, in one place: `npm run setup` installs them and .ci/run calls
 * setup, so the README and CI cannot drift apart.
 */
export const SYSTEM_PACKAGES = [
  // Playwright drives Debian's Chromium: its own browser download is not reachable from our machines.
  'chromium',
  // Fonts for stable screenshots and for the sample mailbox's scripts (Latin, Arabic, Hebrew, CJK).
  // test/e2e/fonts.ts lists what each family must resolve to; the screenshot tests check it first.
  // fonts-liberation2: Arial, Helvetica (message bodies) and Liberation Mono resolve to it.
  'fontconfig',
  'fonts-liberation2',
  'fonts-dejavu-core',
  'fonts-noto-core',
  'fonts-noto-cjk',
  // The test bed's IMAP/POP3 server (test/testbed): Dovecot 2.3 with the oauth2 passdb, plus doveadm
  // (in dovecot-core) to build the cached mdbox benchmark seeds.
  'dovecot-imapd',
  'dovecot-pop3d',
  // keytar (the OS keychain) compiles from source against libsecret; its tests talk to a real
  // gnome-keyring on a private D-Bus session.
  'libsecret-1-dev',
  'gnome-keyring',
  'dbus',
  'dbus-x11',
  // dbus-send: the keychain test polls the bus until gnome-keyring owns org.freedesktop.secrets.
  'dbus-bin',
  // node-gyp's toolchain for keytar's native build (keytar's prebuilt download is unreachable here).
  'g++',
  'make',
  'python3',
  // The certificate tests make PFX fixtures with `openssl pkcs12` (product code reads PFX in JS).
  'openssl',
];
