import { parentPort } from 'node:worker_threads';
import { analyseFile, type AnalyseRequest } from './analyse-file.ts';

/** A pool thread: analyses one file per message and answers with its id; the bytes are transferred, not copied. */
parentPort!.on('message', (message: { id: number; request: AnalyseRequest }) => {
  analyseFile(message.request).then(
    (analysis) => parentPort!.postMessage({ id: message.id, analysis }, analysis.status === 'ok' ? [analysis.bytes.buffer as ArrayBuffer] : []),
    (err: unknown) => parentPort!.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
