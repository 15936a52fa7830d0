// Retry with back-off under a timeout: a flaky call fails twice, then answers. Waits of 0.5 s
// and 1 s between tries: the answer after 1 + 0.5 + 1 + 1 + 1 = 4.5 s, inside timeout(6).
// With a 3 s limit the same retries run out of time: TimeoutError.
import { defineExperiment, sleep, TimeoutError, timeout } from 'asyncdemo';

function flakyService(failures) {
  let calls = 0;
  return async function call_service() {
    calls++;
    await sleep(1);
    if (calls <= failures) throw new Error(`try ${calls}: 503 Service Unavailable`);
    return `answer on try ${calls}`;
  };
}

async function withRetries(ctx, call, delays) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (err instanceof TimeoutError || attempt >= delays.length) throw err;
      ctx.say(`${err.message}; again in ${delays[attempt]} s`);
      await sleep(delays[attempt]);
    }
  }
}

export default defineExperiment({
  name: 'retry',
  title: 'retry with back-off under a timeout',
  notes: [
    'Each failed try waits a little longer before the next (back-off: 0.5 s, then 1 s).',
    'timeout() bounds the whole thing: retries cannot go on for ever.',
    'The timeout cancels the wait or the call under way, whichever it is in.',
  ],
  async run(ctx) {
    const answer = await ctx.measure('retried', 4.5, () =>
      timeout(6, () => withRetries(ctx, flakyService(2), [0.5, 1, 2])),
    );
    ctx.say(answer);
    let outcome = 'ok';
    await ctx.measure('cut off', 3, async () => {
      try {
        await timeout(3, () => withRetries(ctx, flakyService(2), [0.5, 1, 2]));
      } catch (err) {
        if (!(err instanceof TimeoutError)) throw err;
        ctx.say('TimeoutError: the retries ran out of time');
        outcome = err.name;
      }
    });
    ctx.check({
      id: 'timed-out',
      metric: 'the 3 s limit ended the retries',
      expected: 1,
      actual: Number(outcome === 'TimeoutError'),
      unit: 'bool',
    });
    return outcome;
  },
});
