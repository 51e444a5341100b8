// How tests and benchmarks start Chromium here: Debian's browser (never a downloaded one), with the
// flags that keep it off the network.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--lang=en-AU',
  ],
};
