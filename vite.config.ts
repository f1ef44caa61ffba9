import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));
// The API server the dev and preview servers proxy to; another port when several instances run.
const api = { target: process.env.TUIJIN_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false };

/**
 * The web app: `src/web` is the Vite root, the build lands in `dist/web`, which `tuijin serve` hands
 * out beside the API. In development `/api` is proxied to the API server (port 3000, or
 * TUIJIN_API_URL).
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    // Pages are lazy-loaded (config/routes.ts); React and the router change rarely, so they get their
    // own long-cached chunk. antd is left to the default splitting so a page only pulls the components
    // it uses.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: { '/api': api },
  },
  preview: {
    proxy: { '/api': api },
  },
});
