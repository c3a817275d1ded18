import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// One page per screen, built into dist/client and served by the server at /tablet/, /console/, …
const root = resolve(import.meta.dirname, 'client');
export default defineConfig({
  root,
  base: '/',
  // client/public/ is the citizens' page, not Vite's static-assets folder.
  publicDir: false,
  plugins: [preact()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/client'),
    emptyOutDir: true,
    rollupOptions: {
      input: {
        tablet: resolve(root, 'tablet/index.html'),
        console: resolve(root, 'console/index.html'),
        projector: resolve(root, 'projector/index.html'),
        public: resolve(root, 'public/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
