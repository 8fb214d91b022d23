#!/usr/bin/env node
/**
 * `npm run setup`: everything a fresh machine needs before `npm start` and `npm test`, done
 * explicitly (both also do it by themselves where something is missing): on Debian the system
 * packages (installed when run as root, otherwise the exact apt-get line is printed), then `npm ci`
 * where node_modules is missing or older than package-lock.json. See scripts/ensure-setup.mjs.
 * Dependency-free on purpose: it runs before node_modules exists.
 */
import { ensureSetup } from './ensure-setup.mjs';

if (!ensureSetup({ who: 'setup', strict: true })) process.exit(1);
console.log('setup: done. Next: `npm start` to run Mailscope, `npm test` to run the tests.');
