/**
 * Temporary folders for tests that write files; each is removed when the test file's process
 * exits, so a run leaves nothing in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];
process.once('exit', () => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** A new empty folder under the temp folder, named `asyncdemo-<purpose>-XXXXXX`. */
export function tempFolder(purpose: string): string {
  const folder = mkdtempSync(join(tmpdir(), `asyncdemo-${purpose}-`));
  made.push(folder);
  return folder;
}
