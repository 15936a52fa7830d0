/**
 * The client of one round of the round-trip bench, in a process of its own:
 * `node round-trip-client.js '<side as JSON>' <requests> <everyMs>` starts the side's server,
 * measures it (see `measureRound`) and prints the figures as JSON.
 *
 * @module
 */
import { argv, stdout } from 'node:process';
import { measureRound, type ServerSide } from './round-trip.js';

const [side, requests, everyMs] = argv.slice(2);
const figures = await measureRound(
  JSON.parse(side ?? '{}') as ServerSide,
  Number(requests),
  Number(everyMs),
);
stdout.write(`${JSON.stringify(figures)}\n`);
