/** Entry for scripts/bench.mjs: the code paths the CLI and app run, importable in process. */
export { readCaptureDir as readCaptureDirForBench } from '../probe/capture-dir';
export { mergeProfile as mergeForBench } from '@shared/hardware/merge/merge-profile';
export { advise, planFor, requestFor, DEFAULT_RUN } from '@shared/engine/advisor/advise';
export { rankUpgrades } from '@shared/engine/advisor/upgrade';
export { EMPTY_USER_NOTES } from '@shared/engine/rig-notes';
export { machineFromNames } from '@shared/engine/machine';
export { modelFromCatalog } from '@shared/model-import/catalog-model';
export { findModel } from '@shared/catalog/model-lookup';
export { findQuant } from '@shared/catalog/quantizations';
export { GPU_CATALOG } from '@shared/catalog/gpus/index';
