// Types for ensure-chromium.mjs (plain JavaScript so it runs before node_modules exists).
export declare const DEBIAN_CHROMIUM: "/usr/bin/chromium";
export declare function chromiumPath(env?: NodeJS.ProcessEnv): string;
export declare function isExecutable(file: string): boolean;
export interface ChromiumFacts {
  path: string;
  present: boolean;
  custom: boolean;
  isRoot: boolean;
  hasApt: boolean;
}
export type ChromiumPlan = { action: "none" } | { action: "apt" } | { action: "fail"; message: string };
export declare function planChromium(facts: ChromiumFacts): ChromiumPlan;
export declare function ensureChromium(env?: NodeJS.ProcessEnv): number;
