// npm run db:migrate — apply the committed SQL migrations to the configured database.
import { openConfiguredDatabase } from './bootstrap.ts';

const { database, config } = await openConfiguredDatabase();
await database.close();
console.log(
  `Migrations applied (${config.DATABASE_URL ? 'PostgreSQL server' : `embedded, ${config.DATA_DIR}`}).`,
);
