// npm run create-admin -- --username NAME --name "Full Name"
// Creates the first administrator (there are no default accounts outside demo mode). The password is read
// from ATENSI_ADMIN_PASSWORD, from standard input when piped, or asked for at the terminal without echo.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { appUser } from '../db/schema.ts';
import { SYSTEM_ACTOR, withActorTransaction } from '../db/transaction.ts';
import { checkPasswordStrength, hashPassword } from '../modules/auth/index.ts';
import { openConfiguredDatabase } from './bootstrap.ts';

const USAGE = 'Usage: npm run create-admin -- --username NAME --name "Full Name"';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ATENSI_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      process.stdout.write(q);
      const mute = rl as unknown as { _writeToOutput: (s: string) => void };
      mute._writeToOutput = () => {};
      rl.question('', (answer) => {
        process.stdout.write('\n');
        resolve(answer);
      });
    });
  const first = await ask('Password (at least 12 characters): ');
  const second = await ask('Repeat the password: ');
  rl.close();
  if (first !== second) fail('The two passwords differ; nothing was created.');
  return first;
}

const { values } = parseArgs({
  options: { username: { type: 'string' }, name: { type: 'string' } },
  strict: true,
});
const username = values.username?.trim() ?? '';
const displayName = values.name?.trim() || username;
if (!/^[a-z0-9][a-z0-9._-]{2,49}$/i.test(username)) {
  fail(`--username is required: 3–50 letters, digits, dot, dash or underscore.\n${USAGE}`);
}
const password = await readPassword();
const problem = checkPasswordStrength(password, username);
if (problem) fail(`The password is refused (${problem}): at least 12 characters and not a common password.`);

const { database } = await openConfiguredDatabase();
try {
  const taken = await database.db
    .select({ id: appUser.id })
    .from(appUser)
    .where(sql`lower(${appUser.username}) = lower(${username})`);
  if (taken.length > 0) {
    console.error(`A user named ${username} already exists; nothing was changed.`);
    process.exitCode = 1;
  } else {
    const passwordHash = await hashPassword(password);
    await withActorTransaction(database.db, { ...SYSTEM_ACTOR, username: 'cli:create-admin' }, (tx) =>
      tx.insert(appUser).values({ username, displayName, passwordHash, role: 'admin', unitId: null }),
    );
    console.log(`Administrator ${username} created. Sign in at the web UI.`);
  }
} finally {
  await database.close();
}
