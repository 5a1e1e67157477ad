import '@fontsource-variable/inter/wght.css';
import './styles/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadConfig } from './api/client';
import { shouldRetry } from './api/queries';
import { App } from './App';
import { startAuth } from './auth';
import { applyTheme } from './lib/theme';

applyTheme();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: shouldRetry,
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
      refetchOnWindowFocus: false,
    },
  },
});

// Every request waits for the runtime config (and, when it names an issuer, for a sign-in);
// rendering need not.
startAuth(loadConfig);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
