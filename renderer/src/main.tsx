// Base styles first, so every feature's stylesheet (imported by its components) comes after them.
import './app/theme.css';
import './components/components.css';
import './app/shell.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api';
import { ApiProvider } from './api-context';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { startTheme } from './lib/theme';

startTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary>
      <ApiProvider api={createApiClient()}>
        <App />
      </ApiProvider>
    </ErrorBoundary>
  </StrictMode>,
);
