/**
 * The README's examples are real output: each fenced block that starts with
 * `$ npx asyncdemo ARGS` holds what that command prints (stdout, 80 columns, no colour).
 * `npm run readme` rewrites them from the current code; a test runs each at a small scale and
 * compares with the numbers masked, so the README cannot drift from what the commands print.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** One example of the README: where its block is, the command, what the README shows. */
export interface Example {
  /** `gather --timeline --quiet`: the arguments after `npx asyncdemo`. */
  args: string[];
  /** The lines of the block after the `$` line. */
  shown: string[];
  /** Index of the `$` line in the README's lines. */
  at: number;
}

const PROMPT = '$ npx asyncdemo ';

/** Every example block of `readme`. */
export function findExamples(readme: string): Example[] {
  const lines = readme.split('\n');
  const examples: Example[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i - 1] !== '```' || !lines[i]?.startsWith(PROMPT)) continue;
    const end = lines.indexOf('```', i + 1);
    examples.push({
      args: (lines[i] as string).slice(PROMPT.length).split(' ').filter(Boolean),
      shown: lines.slice(i + 1, end),
      at: i,
    });
  }
  return examples;
}

/** Runs `asyncdemo args` as the README shows it: 80 columns, no colour, no spinner. */
export function runExample(args: readonly string[]): string[] {
  const done = spawnSync(process.execPath, ['bin/asyncdemo.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '80', CI: 'true', FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  if (done.status !== 0 && done.status !== 1)
    throw new Error(`asyncdemo ${args.join(' ')} exited ${done.status}: ${done.stderr}`);
  return done.stdout.replace(/\n$/, '').split('\n');
}

/** As {@link runExample}, without blocking: the test runs the examples side by side. */
export function runExampleAsync(args: readonly string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/asyncdemo.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '80', CI: 'true', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && code !== 1)
        reject(new Error(`asyncdemo ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(stdout.replace(/\n$/, '').split('\n'));
    });
  });
}

/** The same arguments at `scale` (replacing a `--scale` given), for a quick run. */
export function atScale(args: readonly string[], scale: string): string[] {
  const i = args.indexOf('--scale');
  if (i >= 0) return args.map((a, j) => (j === i + 1 ? scale : a));
  return [...args, '--scale', scale];
}

/** The chart's marks (running, each family of waits, ready, ends, timeouts) and the gaps between. */
const GLYPHS = /[█·\-=≈░~▓│✗!][█·\-=≈░~▓│✗! ]*/g;

/**
 * A line with what varies from run to run masked: numbers and their units, the scale note,
 * the lengths of chart bars, column padding, a check's pass or fail and whether it took a retry
 * (a loaded machine tips both). Lines saying a timing was
 * off its ideal come and go with the machine's noise: they are dropped.
 */
export function maskLines(lines: readonly string[]): string[] {
  return legendAsOne(maskEach(lines));
}

/**
 * A chart's legend as one line, without its `ready` entry: a real-time run may have a task
 * ready 2 ms or more while the loop was busy (a collection, a hop), which adds the entry and
 * wraps the legend differently.
 */
function legendAsOne(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inLegend = false;
  for (const line of lines) {
    const entry = line.startsWith('▒') && !line.startsWith('▒ ');
    if (inLegend && entry) out[out.length - 1] = `${out.at(-1)} ${line}`;
    else out.push(line);
    inLegend = entry && (inLegend || line.startsWith('▒running'));
  }
  return out.map((line) =>
    line.startsWith('▒running') ? line.replace(/ ?▒ready, the loop busy/, '') : line,
  );
}

function maskEach(lines: readonly string[]): string[] {
  return lines
    .filter((line) => !/off the ideal|мимо идеала|^\s*note: /.test(line))
    .map((line) =>
      line
        .replace(/ \(scale [\d.]+\)/, '')
        // Painted by whether a timing check passed, which a loaded machine can tip.
        .replace(/ \(the lesson's planned end\)/, '')
        .replace(/[+−-]?\d+([.,]\d+)?( ?(µs|ms|s)\b)?/g, '#')
        .replace(/[┬─]+/g, '┈')
        .replace(GLYPHS, '▒')
        .replace(/\b(pass|fail|FAIL|ok)\b/g, 'status')
        .replace(/ \(retried\)/, '')
        .replace(/, # passed on retry/, '')
        .replace(/\s+/g, ' ')
        .trim()
        // An axis: how many ticks fit depends on the exact span.
        .replace(/^# (# )*#$/, '#…'),
    );
}
