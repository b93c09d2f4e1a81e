import { defineConfig } from 'vite';

/**
 * Builds the dashboard into `dist/`: `index.html` and hashed assets, with relative URLs (`base: './'`)
 * so the experiment server can serve it under any URL prefix. `ARCHSPACE_API` (such as
 * `http://127.0.0.1:8080`) points the dev server's `/api` proxy at a running experiment.
 */
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
  },
  server: {
    proxy: { '/api': { target: process.env.ARCHSPACE_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
});
