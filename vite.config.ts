import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * What every screen's page has, stated once: the charset and viewport at the top of the head, and in the body the
 * #app the screen renders into, then its ./main.tsx. Each client/<screen>/index.html holds only what is its own
 * (title, theme colour, description, a <noscript>). Run before Vite reads the page, so the script is bundled.
 */
function screenShell(): Plugin {
  return {
    name: 'piaojue-screen-shell',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html
          .replace('<head>', '<head>\n    <meta charset="utf-8" />\n    <meta name="viewport" content="width=device-width, initial-scale=1" />')
          .replace('<body>', '<body>\n    <div id="app"></div>')
          .replace('</body>', '  <script type="module" src="./main.tsx"></script>\n  </body>'),
    },
  };
}

// One page per screen, built into dist/client and served by the server at /tablet/, /console/, …
const root = resolve(import.meta.dirname, 'client');
export default defineConfig({
  root,
  base: '/',
  // client/public/ is the citizens' page, not Vite's static-assets folder.
  publicDir: false,
  plugins: [screenShell(), preact()],
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
