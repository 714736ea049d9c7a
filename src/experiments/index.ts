// Experiments: chaos engineering on the simulated cluster (issue 6). See types.ts for the data model.
export { EXPERIMENTS, findExperiment } from "./catalogue";
export { KnobError, parseSettings, resolveKnobs } from "./knobs";
export { ExperimentRun, experimentCluster, STEADY_STATE_TIMEOUT_MS, type RunOptions } from "./runner";
export { comparisonTable, formatComparison, formatOffset, formatReport, formatTimeline, hypothesisText, metricRows } from "./report";
export type * from "./types";
export { ExperimentSession } from "./hostAdapter";
