// The benchmarks reuse the e2e settings (system Chromium, one worker) with their own
// folder, so `make test` never runs them: `make bench`.
import base from '../../playwright.config';
import { defineConfig } from '@playwright/test';

export default defineConfig({ ...base, testDir: '.', timeout: 120_000 });
