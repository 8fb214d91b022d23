import { startApp } from './app';

startApp().catch((error: unknown) => {
  console.error('mailscope: failed to start:', error);
  process.exit(1);
});
