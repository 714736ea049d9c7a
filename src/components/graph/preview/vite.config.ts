// Dev-only preview of the cluster graph with a synthetic cluster (not part of the app build):
//   npx vite build --config src/components/graph/preview/vite.config.ts
//   npx vite preview --config src/components/graph/preview/vite.config.ts --port 4321
// Open /?size=small (3 workers, live messages) or /?size=big (100 nodes / 3,000 pods); add &theme=dark.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [react()],
  build: { outDir: "/tmp/kubelab-graph-preview", emptyOutDir: true, target: "es2022" },
});
