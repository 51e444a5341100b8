// Where the app keeps its replicas. Matches Electron's app.getPath('userData') for the product
// name, so the `ops` command and the browser host open the same replica as the desktop app.
import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Ops Console';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.OPS_DATA_DIR) return env.OPS_DATA_DIR;
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}
