// Types for ensure-deps.mjs (plain JavaScript so it runs before node_modules exists).
export declare const repoRoot: string;
export declare function installReason(root: string): string | null;
export declare function installArgs(root: string): ["ci"] | ["install"];
export declare function ensureDeps(root?: string, env?: NodeJS.ProcessEnv): number;
