import { defineConfig } from 'vite';

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  base: './',
  build: { outDir: new URL('../../tmp/bench-bare-react', import.meta.url).pathname, emptyOutDir: true, target: 'es2022' },
  logLevel: 'error',
});
