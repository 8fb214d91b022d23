#!/usr/bin/env node
// `npm run demo` arrives with the test bed (issue "Test bed: real Dovecot IMAP/POP3 …").
console.error(
  'npm run demo: not yet available. It will start the test bed (Dovecot IMAP/POP3 with XOAUTH2 and a fake\n' +
    'Microsoft identity platform) and then the app with demo profiles. Until then, `npm start` and\n' +
    '"Open sample mailbox" show the reader on the bundled sample mailbox.',
);
process.exit(1);
