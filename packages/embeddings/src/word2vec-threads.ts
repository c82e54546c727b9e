import { ValueError } from '@dlkit/core';
import { runWord2VecJob, type Word2VecJob } from './word2vec-kernel.js';

/** What a training thread posts: an epoch's end, or its total at the end. */
type ThreadMessage = { epoch: number; alpha: number; wordsTrained: number } | { done: number };

/**
 * @internal Runs the jobs, one per thread: on this thread when there is one job, else in Node
 * worker threads (each runs {@link runWord2VecJob} from its source text; the weights are shared).
 * `onEpoch` is called once every thread has finished that epoch, with the words trained so far.
 * Resolves to the words trained, summed over threads.
 */
export async function runWord2VecThreads(jobs: Word2VecJob[], onEpoch?: (epoch: number, alpha: number, wordsTrained: number) => void): Promise<number> {
  if (jobs.length === 1) return runWord2VecJob(jobs[0]!, onEpoch);
  let threads: typeof import('node:worker_threads');
  try {
    threads = await import('node:worker_threads');
  } catch {
    throw new ValueError(`trainWord2Vec: workers = ${jobs.length} needs Node's worker_threads, which this runtime lacks; use workers: 1`);
  }
  // esbuild's keepNames wraps named closures in __name(); the worker's script defines it as identity.
  const source = `const { parentPort, workerData } = require('node:worker_threads');
var __name = (target) => target;
const run = ${runWord2VecJob.toString()};
const wordsTrained = run(workerData, (epoch, alpha, wordsTrained) => parentPort.postMessage({ epoch, alpha, wordsTrained }));
parentPort.postMessage({ done: wordsTrained });`;
  const epochWords = new Map<number, number[]>();
  return new Promise<number>((resolve, reject) => {
    let finished = 0;
    let total = 0;
    let failed = false;
    const workers = jobs.map((job) => new threads.Worker(source, { eval: true, workerData: job }));
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const worker of workers) void worker.terminate();
      reject(error);
    };
    workers.forEach((worker) => {
      worker.on('message', (message: ThreadMessage) => {
        if ('done' in message) {
          total += message.done;
          if (++finished === workers.length) resolve(total);
          return;
        }
        const reports = epochWords.get(message.epoch) ?? [];
        reports.push(message.wordsTrained);
        epochWords.set(message.epoch, reports);
        if (reports.length === workers.length) {
          epochWords.delete(message.epoch);
          try {
            onEpoch?.(message.epoch, message.alpha, reports.reduce((a, b) => a + b, 0));
          } catch (error) {
            fail(error as Error);
          }
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`trainWord2Vec: a training thread exited with code ${code}`));
      });
    });
  });
}
