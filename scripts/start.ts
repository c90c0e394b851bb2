// `npm start`: the zero-setup local run. Builds the site when dist/client is missing, then
// serves it with the API on one port against a local libSQL file it creates and migrates.
//   PORT          default 4321
//   HOST          default 127.0.0.1 (set 0.0.0.0 to serve the LAN)
//   DATABASE_URL  default file:.data/jumo.db
//   EXPORT_DIR    default content: where NGO-provided data is exported before deciding to rebuild
//   FACEBOOK_APP_ID / FACEBOOK_APP_SECRET  enable Facebook Login (and turn the demo sign-in off)
//   DEMO_SIGN_IN  unset: the demo sign-in is on while HOST is loopback; 1: also on other HOSTs;
//                 0: off. It only ever serves a browser on this computer (functions/env.ts).
//   SMTP_URL      where mail goes; unset: a local mail catcher on MAIL_CATCHER_PORT (default
//                 2525), read at http://localhost:4321/_mail/
//   EMAIL_SIGNING_SECRET  unset: generated once into .data/email-signing-secret
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase, prepareLocalDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { ensureLocalDatabaseDirectory } from '../db/local-file.ts';
import { isDemoSignInEnabled } from '../functions/auth/demo-sign-in.ts';
import { DEFAULT_DATABASE_URL, startNodeServer } from '../functions/node-server.ts';
import { startMailCatcher, type MailCatcher } from '../functions/mail/mail-catcher.ts';
import { DEFAULT_MAIL_CATCHER_PORT, loadOrCreateSigningSecret } from '../functions/mail/node-mail.ts';
import { DEFAULT_EXPORT_DIR, EXPORTERS } from './export/exporters.ts';
import { BUILT_EXPORTS_RECORD, planStartPublish, recordBuiltExports } from './export/publish-on-start.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const clientDir = fileURLToPath(new URL('../dist/client', import.meta.url));
// A relative file: DATABASE_URL is relative to the project, wherever npm was started.
process.chdir(root);

function exitWithConfigError(message: string): never {
  console.error(message);
  process.exit(1);
}

const port = Number(process.env.PORT ?? 4321);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  exitWithConfigError(`PORT must be a port number, got ${process.env.PORT}`);
}

// A local file that cannot exist is a setting to fix, not an outage to ride out (the server
// keeps running through those, answering 503): say so before the build, instead of serving
// a site whose API can never work.
const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
if (databaseUrl.startsWith('file:')) {
  const shown = `DATABASE_URL=${databaseUrl}${process.env.DATABASE_URL?.trim() ? '' : ' (the default)'}`;
  const directory = await ensureLocalDatabaseDirectory(databaseUrl);
  if (!directory.ok)
    exitWithConfigError(`${shown}: cannot create the directory ${directory.directory}: ${directory.reason}`);
  const opened = openDatabase({ url: databaseUrl });
  if (!opened.ok) exitWithConfigError(`${shown}: cannot open the database: ${opened.reason}`);
  opened.db.$client.close();
}

// Pages never read the database: what managers saved (profiles…) reaches them by export into
// content/ and a build. Export now, and rebuild when that data changed since the last build.
const publish = await (async () => {
  const opened = openDatabase({
    url: databaseUrl,
    authToken: databaseUrl.startsWith('file:') ? undefined : process.env.TURSO_AUTH_TOKEN,
  });
  if (!opened.ok) return null;
  try {
    if (databaseUrl.startsWith('file:')) await prepareLocalDatabase(opened.db);
    await migrateDatabase(opened.db);
    return await planStartPublish({
      db: opened.db,
      exportDir: process.env.EXPORT_DIR?.trim() || DEFAULT_EXPORT_DIR,
      exporters: EXPORTERS,
      recordFile: BUILT_EXPORTS_RECORD,
      distExists: existsSync(clientDir),
    });
  } catch (error) {
    // The server reports an unusable database itself (503); the site can still be served.
    console.error(`export skipped: ${(error as Error).message.split('\n')[0]}`);
    return null;
  } finally {
    opened.db.$client.close();
  }
})();
for (const result of publish?.results ?? []) {
  if (result.changed) console.log(`exported ${result.lines} lines to ${result.path}`);
}
const rebuildReason = publish ? publish.rebuildReason : existsSync(clientDir) ? null : 'dist/client is missing';
if (rebuildReason) {
  console.log(`${rebuildReason}: building the site first (npm run build)…`);
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('the build failed; fix it and run npm start again');
    process.exit(build.status ?? 1);
  }
  if (publish) await recordBuiltExports(BUILT_EXPORTS_RECORD, publish.fingerprint);
}

// Mail works without any account: unsubscribe links are signed with a secret kept under .data/,
// and with no SMTP_URL a local catcher receives what is sent (`npm run digest` finds it too).
const environment: Record<string, string | undefined> = { ...process.env };
if (!environment.EMAIL_SIGNING_SECRET?.trim()) environment.EMAIL_SIGNING_SECRET = loadOrCreateSigningSecret();
let catcher: MailCatcher | null = null;
if (!environment.SMTP_URL?.trim()) {
  const wanted = Number(environment.MAIL_CATCHER_PORT ?? DEFAULT_MAIL_CATCHER_PORT);
  catcher = await startMailCatcher({ port: wanted }).catch((error: Error) => {
    console.error(`mail catcher: port ${wanted} is taken (${error.message}); using a free one`);
    return startMailCatcher({ port: 0 });
  });
  environment.SMTP_URL = catcher.url;
}

const server = await startNodeServer({
  clientDir,
  environment,
  mail: { catcher, runSender: true },
  migrate: true,
  port,
  hostname: process.env.HOST ?? '127.0.0.1',
});
const shownUrl = server.url.replace('127.0.0.1', 'localhost');
const facebook = Boolean(process.env.FACEBOOK_APP_ID && process.env.FACEBOOK_APP_SECRET);
const demoSetting =
  process.env.DEMO_SIGN_IN === '0' || process.env.DEMO_SIGN_IN === '1' ? process.env.DEMO_SIGN_IN : undefined;
const demo = isDemoSignInEnabled(process.env.HOST ?? '127.0.0.1', demoSetting);
const signIn = facebook
  ? 'Facebook Login'
  : demo
    ? 'local demo sign-in, from this computer only'
    : 'no sign-in: see DEMO_SIGN_IN in README.md';
console.log(`Jumo is running at ${shownUrl}/ (${signIn}; Ctrl+C to stop)`);
console.log(
  catcher
    ? `Mail is caught locally (SMTP ${catcher.url}): read it at ${shownUrl}/_mail/`
    : `Mail goes to ${new URL(environment.SMTP_URL!).host}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server
      .close()
      .then(() => catcher?.close())
      .then(() => process.exit(0));
  });
}
