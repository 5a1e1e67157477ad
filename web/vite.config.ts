/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { bundleBudget } from './bundle-budget.ts';

// During development the API (and /config.json) come from a running `xmonitor local`.
const api = process.env.XMONITOR_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), bundleBudget()],
  server: {
    proxy: {
      '/v1': { target: api, changeOrigin: true },
      '/config.json': { target: api, changeOrigin: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
