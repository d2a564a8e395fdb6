// Vite builds the page into dist/: a static site that works from any host and
// under any sub-path (base './': every asset URL is relative).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  base: './',
  // The module worker is an ES module (it imports the ES6 Emscripten glue).
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The core's .wasm and the bundled samples stay separate files.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
  // The dev server may read the shared stylesheet (core/src/report/report.css)
  // and the bundled samples (samples/), both outside web/.
  server: { host: '127.0.0.1', fs: { allow: [repoRoot] } },
  preview: { host: '127.0.0.1' },
});
