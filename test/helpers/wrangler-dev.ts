import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const WRANGLER = resolve(import.meta.dirname, '../../node_modules/wrangler/bin/wrangler.js');

export function findFreePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export type WranglerDev = { url: string; output: () => string; stop: () => Promise<void> };

/**
 * `wrangler dev` on a built Worker (workerd, local mode), on a free loopback port. Resolves
 * once the Worker answers; `vars` become Worker vars (`--var KEY:VALUE`).
 */
export async function startWranglerDev(options: {
  config: string;
  cwd: string;
  /** Or a function of the Worker's URL, for vars that name it (PUBLIC_ORIGIN). */
  vars?: Record<string, string> | ((url: string) => Record<string, string>);
  timeoutMs?: number;
}): Promise<WranglerDev> {
  const port = await findFreePort();
  const inspectorPort = await findFreePort();
  const args = [WRANGLER, 'dev', '--config', options.config, '--ip', '127.0.0.1', '--port', String(port)];
  args.push('--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false', '--log-level', 'warn');
  const vars = typeof options.vars === 'function' ? options.vars(`http://127.0.0.1:${port}`) : options.vars;
  for (const [key, value] of Object.entries(vars ?? {})) args.push('--var', `${key}:${value}`);

  // process.execPath: Node 24 from the devDependency (wrangler refuses Node 20).
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
    try {
      await fetch(`${url}/api/auth/providers`, { signal: AbortSignal.timeout(2_000) });
      return { url, output: () => log, stop };
    } catch {
      await new Promise((done) => setTimeout(done, 250));
    }
  }
  await stop();
  throw new Error(`wrangler dev did not answer within the time limit:\n${log}`);
}
