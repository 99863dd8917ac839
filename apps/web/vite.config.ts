import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dev server proxies the API without rewriting Host, so the API's same-origin (CSRF) check sees
// the browser's own origin.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000' },
      '/docs': { target: 'http://localhost:3000' },
    },
  },
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 900 },
});
