import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations from db/schema.ts into db/migrations/ (committed).
// Migrations are applied by our own scripts (scripts/start.ts locally, scripts/migrate.ts for
// Turso) through drizzle-orm's migrator, so no credentials are needed here.
export default defineConfig({
  dialect: 'turso',
  schema: './db/schema.ts',
  out: './db/migrations',
});
