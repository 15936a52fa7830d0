// Producer and consumers on a Queue: six jobs of 1 s, two workers, queue.join() waits for all.
// Two workers halve the time: 3 s, not 6 s. The queue holds at most two jobs, so the producer
// waits for room (put blocks) instead of piling up work.
import { defineExperiment, Queue, sleep, taskGroup } from 'asyncdemo';

async function worker(queue, done) {
  for (;;) {
    const job = await queue.get();
    await sleep(job.seconds);
    done.push(job.id);
    queue.taskDone();
  }
}

export default defineExperiment({
  name: 'queue',
  title: 'producer and consumers on a Queue, with join',
  notes: [
    'put() waits while the queue is full (maxsize 2): the producer keeps pace with the workers.',
    'Each get() is answered by one taskDone() once the job is handled.',
    'join() returns when every job put was done: six jobs of 1 s, two workers, 3 s.',
  ],
  async run(ctx) {
    const queue = new Queue(2);
    const done = [];
    let mostWaiting = 0;
    await taskGroup(async (tg) => {
      const workers = [1, 2].map(() => tg.createTask(() => worker(queue, done)));
      await ctx.measure('all jobs', 3, async () => {
        for (let id = 1; id <= 6; id++) {
          await queue.put({ id, seconds: 1 });
          mostWaiting = Math.max(mostWaiting, queue.qsize());
        }
        await queue.join();
      });
      ctx.say(`jobs done in this order: ${done.join(', ')}`);
      for (const w of workers) w.cancel(); // the workers loop for ever: stop them
    });
    ctx.check({
      id: 'all-done',
      metric: 'jobs done',
      expected: 6,
      actual: done.length,
      unit: 'count',
    });
    ctx.check({
      id: 'bounded',
      metric: 'the queue never held more than maxsize',
      expected: 1,
      actual: Number(mostWaiting <= 2),
      unit: 'bool',
    });
  },
});
