// Starts the real browser host (the built `npm run serve` bundle) over a throwaway data directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningHost {
  url: string;
  dataDir: string;
  port: number;
  token: string;
  pid: number;
  stop(): Promise<void>;
  /** kill -9: no shutdown at all (the replica is left as a crash leaves it); the data directory stays. */
  kill(): Promise<void>;
}

export interface HostOptions {
  demoAnchor?: string;
  db?: string;
  central?: string;
  /** A fixed port (to restart a host where a page expects it); default: any free one. */
  port?: number;
  /** A fixed token (survives a restart); default: the host mints one. */
  token?: string;
  /** Reuse this data directory and leave it in place on stop (to restart over the same replica). */
  dataDir?: string;
  /** Open the Work workspace instead of the demo (its replica starts empty and fills by its first sync). */
  workspace?: 'work';
  /** Act as this consultant (`--as`). */
  as?: string;
  /** The pipeline API for this session (`--pipeline-api`). */
  pipelineApi?: string;
  /** The webhook secret for this session (OPS_WEBHOOK_SECRET). */
  webhookSecret?: string;
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ops-e2e-'));
  const args = [path.join(__dirname, '..', 'out', 'node', 'serve.js'), ...(options.db ? ['--db', options.db] : ['--data-dir', dataDir])];
  if (options.demoAnchor) args.push('--demo-anchor', options.demoAnchor);
  if (options.central) args.push('--central', options.central);
  if (options.port !== undefined) args.push('--port', String(options.port));
  if (options.token) args.push('--token', options.token);
  if (options.as) args.push('--as', options.as);
  if (options.pipelineApi) args.push('--pipeline-api', options.pipelineApi);
  // The same file the app writes when Settings switches to Work.
  if (options.workspace === 'work') fs.writeFileSync(path.join(dataDir, 'active-workspace'), 'work');
  const child: ChildProcess = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TZ: 'Australia/Brisbane', ...(options.webhookSecret ? { OPS_WEBHOOK_SECRET: options.webhookSecret } : {}) },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The browser host did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /served at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The browser host exited (${code}):\n${output}`)));
  });
  const served = new URL(url);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const end = async (signal: NodeJS.Signals, removeDir: boolean) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
    if (removeDir) fs.rmSync(dataDir, { recursive: true, force: true }); // a demo replica is 80 MB
  };
  return {
    url,
    dataDir,
    port: Number(served.port),
    token: served.searchParams.get('token') ?? '',
    pid: child.pid!,
    stop: () => end('SIGTERM', ownDir),
    kill: () => end('SIGKILL', false),
  };
}

/** Runs the built `ops` command; throws with its stderr when it fails. */
export function ops(...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(__dirname, '..', 'out', 'node', 'ops.js'), ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ops ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}
