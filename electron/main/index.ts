import { logError } from '../core/log';
import { startApp } from './app';

startApp().catch((error: unknown) => {
  logError('mailscope: failed to start:', error);
  process.exit(1);
});
