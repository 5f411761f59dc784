/** Debian's Chromium, headless, as the end-to-end tests and the benchmark drive it. */
import { chromium, type Browser } from 'playwright-core';

/** Flags Debian's Chromium needs here (no GPU, no sandbox as root, no background traffic). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

/** Starts Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium). */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS
  });
}
