import { parentPort } from 'node:worker_threads';
import { analyseFile, type Analysis, type AnalyseRequest } from './analyse-file.ts';

/**
 * A pool thread: analyses one file per message. A file that cannot even be opened (a folder, no
 * permission) is refused with the system's reason; the bytes of a good one are transferred, not copied.
 */
parentPort!.on('message', (request: AnalyseRequest) => {
  analyseFile(request).then(
    (analysis) => parentPort!.postMessage(analysis, analysis.status === 'ok' ? [analysis.bytes.buffer as ArrayBuffer] : []),
    (err: unknown) => parentPort!.postMessage({ status: 'refused', reason: 'file-unreadable', message: err instanceof Error ? err.message : String(err) } satisfies Analysis),
  );
});
