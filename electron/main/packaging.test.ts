// The installers' recipe, checked without the Electron binary: electron-builder.yml as
// electron-builder itself loads and validates it (its own config loader and JSON schema), the
// targets, fuses, native-module and update settings, the icons, and — after a fresh electron-vite
// build — every file electron-builder would put into app.asar (its own file filter decides), which
// must hold no source map, no test and nothing that looks like a secret.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  files: Array<{ filter: string[] }>;
  electronFuses: Record<string, boolean>;
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  linux: { target: string[]; icon: string; maintainer?: string };
  publish: { provider: string; url: string };
  asarUnpack: string[];
  npmRebuild: boolean;
  directories: { buildResources: string; output: string };
};
type Filter = (file: string, stat: fs.Stats) => boolean;

// electron-builder's internals (app-builder-lib is the library the electron-builder CLI runs).
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, extra: unknown): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
};
const { getMainFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getMainFileMatchers(...args: unknown[]): Array<{ createFilter(): Filter }>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

let config: Config;
let build: string; // a fresh `electron-vite build`, standing in for the project's out/
let packaged: Map<string, string>; // app.asar path → file on disk

/** The app-folder filter electron-builder applies when it copies the app into app.asar. */
function asarFilter(): Filter {
  const packager = {
    info: {
      projectDir: root,
      buildResourcesDir: path.resolve(root, config.directories.buildResources),
      isPrepackedAppAsar: false,
      config,
      debugLogger: new DebugLogger(false),
    },
  };
  const matchers = getMainFileMatchers(root, '/app', (p: string) => p, {}, packager, path.resolve(root, config.directories.output), false);
  expect(matchers).toHaveLength(1);
  return matchers[0]!.createFilter();
}

/** Walks `dir` as electron-builder does: a directory the filter refuses is not entered. */
function walk(dir: string, asAsarPath: string, filter: Filter, skip: string[], found: Map<string, string>): void {
  for (const name of fs.readdirSync(dir)) {
    if (skip.includes(name)) continue;
    const file = path.join(dir, name);
    const asar = path.posix.join(asAsarPath, name);
    const stat = fs.statSync(file);
    if (!filter(path.join(root, asar), stat)) continue;
    if (stat.isDirectory()) walk(file, asar, filter, [], found);
    else found.set(asar, file);
  }
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

beforeAll(async () => {
  config = await getConfig(root, null, null);
  build = fs.mkdtempSync(path.join(os.tmpdir(), 'ops-package-'));
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', build, '--logLevel', 'error'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  packaged = new Map();
  const filter = asarFilter();
  // The project as electron-builder sees it, with the fresh build in place of out/.
  walk(root, '', filter, ['out', 'node_modules', '.git', 'dist'], packaged);
  walk(build, 'out', filter, [], packaged);
}, 300_000);

afterAll(() => {
  if (build) fs.rmSync(build, { recursive: true, force: true });
});

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('builds dmg and zip for macOS (zip is what updates download), NSIS for Windows, AppImage and deb for Linux', () => {
    expect(config.mac.target).toEqual(['dmg', 'zip']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    // No spaces: each file is a plain name in the update folder.
    expect(config.artifactName).toBe('${name}-${version}-${os}-${arch}.${ext}');
  });

  it('sets every fuse, each to its locked-down value', () => {
    const schema = require('app-builder-lib/scheme.json') as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    // resetAdHocDarwinSignature is a signing option, not a fuse (electron-builder signs after flipping).
    const fuses = Object.keys(schema.definitions.FuseOptionsV1.properties).filter((name) => name !== 'resetAdHocDarwinSignature');
    expect(Object.keys(config.electronFuses).sort()).toEqual(fuses.sort());
    expect(config.electronFuses).toEqual({
      runAsNode: false, // ELECTRON_RUN_AS_NODE cannot turn the app into a plain Node
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false, // NODE_OPTIONS cannot inject code
      enableNodeCliInspectArguments: false, // --inspect cannot attach a debugger
      enableEmbeddedAsarIntegrityValidation: true, // a modified app.asar does not start
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false, // the app uses app://, file:// gets no extra rights
    });
  });

  it('keeps better-sqlite3’s prebuilt binary outside the asar and never rebuilds it', () => {
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**');
    expect(config.npmRebuild).toBe(false);
  });

  it('publishes updates to one HTTPS folder (electron-updater’s generic provider)', () => {
    expect(config.publish.provider).toBe('generic');
    expect(new URL(config.publish.url).protocol).toBe('https:');
  });

  it('has what the deb needs: a homepage and a maintainer', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { homepage?: string };
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^@\s]+>$/);
  });

  it('refuses source maps, tests and secrets even if one lands in a packaged folder', () => {
    const filter = asarFilter();
    const file = { isDirectory: () => false } as fs.Stats;
    const packs = (p: string) => filter(path.join(root, p), file);
    expect(packs('out/main/index.js')).toBe(true);
    expect(packs('resources/trayTemplate.png')).toBe(true);
    for (const p of [
      'out/main/index.js.map',
      'out/renderer/assets/index-abc.css.map',
      'out/main/updater.test.js',
      'out/renderer/assets/app.spec.mjs',
      'resources/.env',
      'resources/.env.production',
      'out/main/.env.local',
      'resources/server.pem',
      'resources/signing.key',
      'resources/cert.p12',
      'resources/cert.pfx',
      'resources/id_rsa',
      'resources/id_ed25519.pub',
      'resources/icons/512x512.png', // build-only: electron-builder puts icons where each OS wants them
      'electron/main/index.ts',
      '.env',
    ]) {
      expect(packs(p), p).toBe(false);
    }
  });
});

describe('icons (scripts/make-icons.mjs)', () => {
  const pngSize = (bytes: Buffer) => {
    const png = PNG.sync.read(bytes);
    return [png.width, png.height];
  };

  it('gives Linux a PNG at every size, named by size', () => {
    const dir = path.join(root, config.linux.icon);
    const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
    expect(fs.readdirSync(dir).sort()).toEqual(sizes.map((s) => `${s}x${s}.png`).sort());
    for (const s of sizes) expect(pngSize(fs.readFileSync(path.join(dir, `${s}x${s}.png`)))).toEqual([s, s]);
  });

  it('gives Windows an .ico from 16 to 256 px', () => {
    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect(config.win.icon).toMatch(/\.ico$/);
    expect(ico.readUInt16LE(2)).toBe(1);
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const e = 6 + 16 * i;
      const size = ico.readUInt8(e) || 256;
      const bytes = ico.subarray(ico.readUInt32LE(e + 12), ico.readUInt32LE(e + 12) + ico.readUInt32LE(e + 8));
      expect(pngSize(bytes)).toEqual([size, size]);
      return size;
    });
    expect(entries).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });

  it('gives macOS an .icns up to 1024 px (512@2x)', () => {
    const icns = fs.readFileSync(path.join(root, config.mac.icon));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Record<string, number[]> = {};
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      found[icns.toString('latin1', at, at + 4)] = pngSize(icns.subarray(at + 8, at + icns.readUInt32BE(at + 4)));
    }
    expect(found).toEqual({
      icp4: [16, 16],
      ic11: [32, 32],
      icp5: [32, 32],
      ic12: [64, 64],
      ic07: [128, 128],
      ic13: [256, 256],
      ic08: [256, 256],
      ic14: [512, 512],
      ic09: [512, 512],
      ic10: [1024, 1024],
    });
  });
});

describe('what goes into app.asar', () => {
  it('is the build, the runtime icons and package.json, nothing else', () => {
    const tops = new Set([...packaged.keys()].map((p) => (p.startsWith('out/') ? p.split('/').slice(0, 2).join('/') : p)));
    expect([...tops].sort()).toEqual([
      'out/main',
      'out/preload',
      'out/renderer',
      'package.json',
      'resources/icon.png',
      'resources/trayTemplate.png',
      'resources/trayTemplate@2x.png',
    ]);
    for (const p of ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) expect(packaged.has(p), p).toBe(true);
  });

  it('holds no source map, no test file and no secret-looking file', () => {
    const bad = [...packaged.keys()].filter((p) =>
      /\.map$|\.(test|spec)\.|(^|\/)\.env|\.(pem|key|p12|pfx|jks|keystore)$|(^|\/)id_(rsa|dsa|ecdsa|ed25519)/.test(p),
    );
    expect(bad).toEqual([]);
  });

  it('holds no private key, cloud or API token in any file’s text', () => {
    const patterns: Array<[string, RegExp]> = [
      ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
      ['AWS access key', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
      ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/],
      ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
      ['Stripe secret key', /\b[sr]k_live_[A-Za-z0-9]{16,}/],
      ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
      ['JSON web token', /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
      ['password in a URL', /\b(postgres(ql)?|mysql|https?):\/\/[^\s:/@'"`]+:[^\s@'"`]{3,}@/],
    ];
    const found: string[] = [];
    for (const [asar, file] of packaged) {
      const text = fs.readFileSync(file).toString('latin1');
      for (const [what, pattern] of patterns) if (pattern.test(text)) found.push(`${what} in ${asar}`);
    }
    expect(found).toEqual([]);
  });
});

describe('the production build', () => {
  const requires = (file: string) =>
    [...fs.readFileSync(path.join(build, file), 'utf8').matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);

  it('requires at run time only what the installed app has: Node, Electron and the dependencies', async () => {
    const { builtinModules } = await import('node:module');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const packageOf = (id: string) => (id.startsWith('@') ? id.split('/').slice(0, 2) : id.split('/').slice(0, 1)).join('/');
    const missing = requires('main/index.js').filter(
      (id) => !id.startsWith('node:') && !builtinModules.includes(id) && id !== 'electron' && !(packageOf(id) in pkg.dependencies),
    );
    // electron-builder packs only `dependencies`: anything else would be "Cannot find module" on a laptop.
    expect(missing).toEqual([]);
    expect(requires('main/index.js')).toContain('electron-updater');
  });

  it('gives the sandboxed preload nothing to require but electron', () => {
    expect([...new Set(requires('preload/index.js'))]).toEqual(['electron']);
  });

  it('emits no source maps and points to none', () => {
    const files = listFiles(build);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const linked = files.filter(
      (f) => /\.(m?js|css)$/.test(f) && /[#@] sourceMappingURL=/.test(fs.readFileSync(path.join(build, f), 'utf8')),
    );
    expect(linked).toEqual([]);
  });
});
