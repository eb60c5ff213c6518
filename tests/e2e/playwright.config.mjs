// End-to-end tests of the release dist/ in Debian's Chromium (never a downloaded browser).
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.OMS_E2E_PORT ?? 8787);
export const prefix = '/widgets/oms/';
/** The example host page (another origin). */
export const hostPage = `http://127.0.0.1:${port + 1}/article-it.html`;

export default defineConfig({
  testDir: here,
  testMatch: '*.spec.mjs',
  outputDir: resolve(here, 'artifacts/results'),
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}${prefix}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: [
    {
      command: `node ${resolve(here, 'server.mjs')} --dir ${resolve(here, '../../dist')} --port ${port} --prefix ${prefix}`,
      url: `http://127.0.0.1:${port}${prefix}`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
    {
      // The example host page, from another origin (another port), embedding the widget.
      command: `node ${resolve(here, 'server.mjs')} --dir ${resolve(here, '../../examples')} --port ${port + 1} --prefix / --widget http://127.0.0.1:${port}${prefix.replace(/\/$/, '')}`,
      url: `http://127.0.0.1:${port + 1}/article-it.html`,
      reuseExistingServer: false,
      timeout: 20_000,
    },
  ],
});
