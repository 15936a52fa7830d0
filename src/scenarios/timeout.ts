/**
 * The notebook's timeout cell: `timeout(2)` around `gather(foo() 2 s, bar() 1 s)`: bar returns,
 * foo is cancelled, TimeoutError.
 *
 * @module
 */
import { coro, gather, sleep, TimeoutError, timeout, withCallLabel } from '../runtime/index.js';
import { secondsOption } from './common-options.js';
import { defineExperiment } from './define.js';
import type { ScenarioContext } from './types.js';

/** foo() and bar(): say they start, sleep, say they returned, and record when. */
async function job(
  ctx: ScenarioContext,
  name: string,
  seconds: number,
  sinceStart: () => number,
): Promise<string> {
  ctx.say(ctx.text.starting(name));
  await sleep(seconds);
  ctx.say(ctx.text.returned(name));
  ctx.record(name, sinceStart(), ctx.ms(seconds));
  return name;
}

function named(name: string, ctx: ScenarioContext, seconds: number, sinceStart: () => number) {
  const c = coro(job, ctx, name, seconds, sinceStart);
  Object.defineProperty(c, 'name', { value: name });
  return withCallLabel(c, `${name}()`);
}

/** `asyncdemo timeout`: cancel work at a deadline with TimeoutError. */
export const timeoutScenario = defineExperiment({
  name: 'timeout',
  title: 'cancelling work at a deadline',
  options: {
    limit: secondsOption('limit', 'the timeout', '2'),
    foo: secondsOption('foo', "foo()'s sleep", '2'),
    bar: secondsOption('bar', "bar()'s sleep", '1'),
  },
  async run(ctx, options) {
    const { limit, foo, bar } = options as { limit: number; foo: number; bar: number };
    const sinceStart = ctx.stopwatch();
    ctx.say(ctx.text.startingMain('get_something'));
    const done = (name: string) => ctx.timings.some((t) => t.label === name);
    try {
      const [fooResult, barResult] = await timeout(limit, () =>
        gather(named('foo', ctx, foo, sinceStart), named('bar', ctx, bar, sinceStart)),
      );
      const totalMs = sinceStart();
      const ideal = ctx.ms(Math.max(foo, bar));
      ctx.record('total', totalMs, ideal);
      ctx.say(fooResult);
      ctx.say(barResult);
      ctx.check({
        id: 'timeout.concurrent',
        metric: 'wall time of both',
        expected: ideal,
        actual: totalMs,
        unit: 'ms',
      });
      return 'ok';
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      const firedMs = sinceStart();
      ctx.record('timeout', firedMs, ctx.ms(limit));
      ctx.say(ctx.text.timeoutError);
      ctx.check({
        id: 'timeout.fired',
        metric: 'when TimeoutError came',
        expected: ctx.ms(limit),
        actual: firedMs,
        unit: 'ms',
      });
      ctx.check({
        id: 'timeout.bar-done',
        metric: 'bar() returned',
        expected: Number(bar < limit),
        actual: Number(done('bar')),
        unit: 'bool',
      });
      ctx.check({
        id: 'timeout.foo-cancelled',
        metric: 'foo() was cancelled',
        expected: Number(foo >= limit),
        actual: Number(!done('foo')),
        unit: 'bool',
      });
      return err.name;
    }
  },
});
