// `npm run digest`: send this ISO week's due digests and every pending message (instant emails,
// retries) now, from Node. Safe to run at any time, also while `npm start` runs: each digest and
// each instant email is claimed once (email_sends), so nothing goes out twice.
//   DATABASE_URL          default file:.data/jumo.db (a libsql: URL uses TURSO_AUTH_TOKEN)
//   SMTP_URL              default smtp://127.0.0.1:MAIL_CATCHER_PORT: the catcher of a running `npm start`
//   MAIL_FROM, PUBLIC_ORIGIN (links; default http://localhost:4321)
//   EMAIL_SIGNING_SECRET  default the one `npm start` keeps in .data/email-signing-secret
import { fileURLToPath } from 'node:url';
import { openDatabase, prepareLocalDatabase } from '../db/client.ts';
import { attachLocalReader } from '../db/local-statements.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { parseEnv } from '../functions/env.ts';
import { runWeeklyDigest, sendDueEmails } from '../functions/mail/digest.ts';
import { DEFAULT_MAIL_CATCHER_PORT, loadOrCreateSigningSecret } from '../functions/mail/node-mail.ts';
import { createNodeMailer } from '../functions/mail/node-mailer.ts';
import { DEFAULT_DATABASE_URL } from '../functions/node-server.ts';

process.chdir(fileURLToPath(new URL('..', import.meta.url)));

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(`invalid configuration: ${parsed.message}`);
  process.exit(1);
}
const env = parsed.env;
const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
const opened = openDatabase({
  url: databaseUrl,
  authToken: databaseUrl.startsWith('file:') ? undefined : process.env.TURSO_AUTH_TOKEN,
});
if (!opened.ok) {
  console.error(`cannot open the database at ${databaseUrl}: ${opened.reason}`);
  process.exit(1);
}
if (databaseUrl.startsWith('file:')) await prepareLocalDatabase(opened.db);
await migrateDatabase(opened.db);
// A local file: the digest query on a statement prepared once (db/email-digest.ts says why).
const closeReader = attachLocalReader(opened.db, databaseUrl);

const smtpUrl =
  env.SMTP_URL ?? `smtp://127.0.0.1:${Number(process.env.MAIL_CATCHER_PORT ?? DEFAULT_MAIL_CATCHER_PORT)}`;
const mailer = createNodeMailer({ smtpUrl, from: env.MAIL_FROM });
const sender = {
  db: opened.db,
  mailer,
  origin: env.PUBLIC_ORIGIN ?? `http://localhost:${process.env.PORT ?? 4321}`,
  signingSecret: env.EMAIL_SIGNING_SECRET ?? loadOrCreateSigningSecret(),
  now: () => new Date(),
};
const started = performance.now();
const digest = await runWeeklyDigest(sender);
const due = await sendDueEmails(sender);
mailer.close();
closeReader();
opened.db.$client.close();
console.log(
  `digest: ${digest.sent} sent, ${digest.nothingNew} with nothing new, ${digest.failed} failed; ` +
    `instant and retries: ${due.sent} sent, ${due.failed} failed (${Math.round(performance.now() - started)} ms, via ${new URL(smtpUrl).host})`,
);
if (digest.failed + due.failed > 0) process.exitCode = 2;
