import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium';

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './scripts/test-postgres.ts',
  outputDir: 'test-results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  use: {
    viewport: { width: 1360, height: 860 },
    launchOptions: chromiumLaunchOptions,
    timezoneId: 'Australia/Brisbane',
    locale: 'en-AU',
    trace: 'retain-on-failure',
  },
});
