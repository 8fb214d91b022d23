#!/usr/bin/env node
// `npm run bench` arrives with the test bed and the IMAP/POP3 sources (DESIGN.md §6).
console.error(
  'npm run bench: not yet available. It will print open-100k, open-scale, pop3-list, parse-25mb,\n' +
    'parse-25mb-rss, token-reuse and list-dom, each against a baseline measured in the same run,\n' +
    'and write bench/results.json (DESIGN.md §6).',
);
process.exit(1);
