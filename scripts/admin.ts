// `npm run admin -- grant <userId>` | `revoke <userId>` | `list`: site administrators, who review
// NGO claims and reports at /admin/. Nobody is an admin by default.
//   DATABASE_URL (default file:.data/jumo.db) or TURSO_DATABASE_URL + TURSO_AUTH_TOKEN;
//   values missing from the environment are read from .dev.vars when it exists.
// A user's id is shown by GET /api/me (and on /manage/ once signed in).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { grantAdmin, listAdmins, revokeAdmin } from '../db/admins.ts';
import { openDatabase } from '../db/client.ts';

const devVars = join(process.cwd(), '.dev.vars');
if (existsSync(devVars)) process.loadEnvFile(devVars);

const [command, userId] = process.argv.slice(2);
const usage = 'usage: npm run admin -- grant <userId> | revoke <userId> | list';
if (!command || !['grant', 'revoke', 'list'].includes(command) || (command !== 'list' && !userId)) {
  console.error(usage);
  process.exit(2);
}

const url = process.env.TURSO_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim() || 'file:.data/jumo.db';
const opened = openDatabase({ url, authToken: process.env.TURSO_AUTH_TOKEN?.trim() || undefined });
if (!opened.ok) {
  console.error(`Cannot open ${url}: ${opened.reason}`);
  process.exit(1);
}
const db = opened.db;
try {
  if (command === 'grant') {
    const result = await grantAdmin(db, userId!, new Date());
    if (result.status === 'no_such_user') {
      console.error(`No user with id ${userId}.`);
      process.exitCode = 1;
    } else
      console.log(
        result.status === 'granted' ? `${userId} is now a site admin.` : `${userId} was already a site admin.`,
      );
  } else if (command === 'revoke') {
    const { revoked } = await revokeAdmin(db, userId!);
    console.log(revoked ? `${userId} is no longer a site admin.` : `${userId} was not a site admin.`);
  } else {
    const admins = await listAdmins(db);
    if (admins.length === 0) console.log('No site admins.');
    for (const a of admins) console.log(`${a.userId}\t${a.name}\tsince ${a.grantedAt.toISOString()}`);
  }
} catch (error) {
  console.error(`admin ${command} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
