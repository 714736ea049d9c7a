import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

// The engine (src/engine) runs unchanged in a Web Worker, in Node tests and in the CLI, and it must be
// deterministic: same seed and commands, byte-identical output. These rules keep it pure.
const engineBannedGlobals = [
  { name: "setTimeout", message: "The engine schedules on its own simulated clock (sim/eventQueue)." },
  { name: "setInterval", message: "The engine schedules on its own simulated clock (sim/eventQueue)." },
  { name: "setImmediate", message: "The engine schedules on its own simulated clock (sim/eventQueue)." },
  { name: "queueMicrotask", message: "The engine schedules on its own simulated clock (sim/eventQueue)." },
  { name: "requestAnimationFrame", message: "No DOM in the engine." },
  { name: "performance", message: "No wall clock in the engine." },
  { name: "window", message: "No DOM in the engine." },
  { name: "document", message: "No DOM in the engine." },
  { name: "navigator", message: "No DOM in the engine." },
  { name: "crypto", message: "Use the engine's seeded random source (sim/random)." },
  { name: "process", message: "The engine runs in the browser too." },
];

export default tseslint.config(
  { ignores: ["dist", "node_modules", "test-results", "playwright-report"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["src/engine/**/*.ts"],
    // Tests and their support files run in Node only (they may read fixtures from disk).
    ignores: ["src/engine/**/*.test.ts", "src/engine/**/testing/**", "src/engine/**/testCluster.ts", "src/engine/**/testHarness.ts", "src/engine/**/testKit.ts"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-globals": ["error", ...engineBannedGlobals],
      "no-restricted-syntax": [
        "error",
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: "No wall clock in the engine: use the simulated clock." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "No wall clock in the engine: use the simulated clock." },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: "Use the engine's seeded random source (sim/random)." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "The engine has no UI." },
            { group: ["zustand", "zustand/*", "@xyflow/*", "reactflow", "framer-motion", "monaco-editor", "monaco-yaml"], message: "The engine has no UI." },
            { group: ["**/components/*", "**/state/*", "**/worker/*"], message: "The engine never imports the page." },
            { group: ["node:*", "fs", "path", "os", "child_process"], message: "The engine runs in the browser too: no Node built-ins." },
          ],
        },
      ],
    },
  },
);
