import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, REPO_ROOT } from './config.ts';
import { openDatabase } from './db/client.ts';
import { migrateDatabase } from './db/migrate.ts';
import { seedAreas } from './db/seed/areas.ts';
import { seedDemoData } from './db/seed/demo.ts';
import { seedReferenceData } from './db/seed/reference.ts';
import { seedUnitDefaults } from './db/seed/units.ts';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const version = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
  ).version;
  if (!config.DATABASE_URL) mkdirSync(config.DATA_DIR, { recursive: true });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  await seedAreas(database.db);
  await seedUnitDefaults(database.db);
  const demo = config.demo
    ? await seedDemoData(database.db, { people: config.demoPeople })
    : { seeded: false };

  const app = await buildApp({ database, config, version });
  if (demo.seeded) app.log.info('demo data loaded: sign in as admin / demo-atensi-2026 (see README)');

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
      await database.close();
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    `Atensi listening on http://localhost:${config.PORT} (database: ${database.kind === 'pglite' ? `embedded, ${config.DATA_DIR}` : 'PostgreSQL server'})`,
  );
}

main().catch((err: unknown) => {
  console.error('Atensi failed to start:', err);
  process.exit(1);
});
