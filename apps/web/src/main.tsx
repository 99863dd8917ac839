import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n/index.ts';
import { App } from './app/App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <Suspense fallback={null}>
      <App />
    </Suspense>
  </StrictMode>,
);
