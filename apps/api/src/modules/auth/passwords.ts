import { PASSWORD_MIN_LENGTH } from '@atensi/contracts';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. The library's default algorithm is argon2id
// (its Algorithm enum is a const enum that isolated modules cannot import); passwords.test.ts checks it.
const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, useLevenshteinDistance: true });

/** Indonesian words people put in passwords, on top of the common-password dictionaries. */
const LOCAL_WORDS = [
  'atensi',
  'kemensos',
  'rehsos',
  'indonesia',
  'jakarta',
  'merdeka',
  'bismillah',
  'sayang',
  'rahasia',
  'katasandi',
  'password',
  'sentra',
  'balai',
];

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the username is unknown so timing does not tell. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hash('atensi-dummy-password-never-used', ARGON2);
  return dummyHash;
}

export type PasswordProblem = 'too_short' | 'too_common' | 'contains_username';

/** At least 12 characters and not guessable: zxcvbn score 3 or more against common and local words. */
export function checkPasswordStrength(password: string, username?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'too_short';
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'contains_username';
  const result = zxcvbn.check(password, [...LOCAL_WORDS, ...(username ? [username] : [])]);
  if (result.score < 3) return 'too_common';
  return null;
}
