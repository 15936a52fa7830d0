/**
 * Files the CLI writes (`--timeline FILE.svg`, `--trace`, `--junit`, `bench --save`): checked
 * before anything runs, so a 15 s run is not wasted on a path that cannot be written, and
 * written atomically, so a reader never sees half a file.
 *
 * @module
 */
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../options/usage-error.js';

/**
 * Throws a one-line {@link UsageError} unless `path` can be written: its folder exists and is
 * writable, and it is not itself a folder. Creates nothing.
 */
export function checkWritable(flag: string, path: string): void {
  const folder = dirname(resolve(path));
  const kind = (p: string) => {
    try {
      return statSync(p).isDirectory() ? 'folder' : 'file';
    } catch {
      return 'none';
    }
  };
  if (kind(path) === 'folder') throw new UsageError(`${flag} ${path}: is a folder, not a file`);
  if (kind(folder) !== 'folder')
    throw new UsageError(`${flag} ${path}: the folder ${dirname(path)} does not exist`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new UsageError(`${flag} ${path}: the folder ${dirname(path)} is not writable`);
  }
}

/**
 * Writes `text` to `path` through a temporary file renamed over it (a reader sees the old file
 * or the whole new one), then says `wrote PATH` on stderr.
 */
export function writeOutputFile(flag: string, path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (err) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${flag} ${path}: ${(err as Error).message}`);
  }
  process.stderr.write(`wrote ${path}\n`);
}
