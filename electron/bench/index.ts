/** Entry for scripts/bench.mjs: the replay path exactly as the CLI and app run it, importable in process. */
export { readCaptureDir as readCaptureDirForBench } from '../probe/capture-dir';
export { mergeProfile as mergeForBench } from '@shared/hardware/merge/merge-profile';
