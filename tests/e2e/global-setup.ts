// Boots the server once on an empty embedded database (migrations, areas, reference and demo data), shuts
// it down cleanly, and hands the data directory to every test file as the template its server starts from.
// Each file still gets its own server and its own copy, so files cannot see each other's changes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from './harness.ts';

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'atensi-e2e-template-'));
  const started = Date.now();
  const server = await startServer({ dataDir: dir, template: null });
  await server.stop();
  console.log(`e2e: first boot of the template database took ${Math.round((Date.now() - started) / 1000)} s`);
  project.provide('e2eTemplateDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
