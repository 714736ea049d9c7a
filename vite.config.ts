import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The app is a static site: the engine runs in a Web Worker, so no server is needed.
export default defineConfig({
  plugins: [react()],
  worker: { format: "es" },
  build: { target: "es2022", sourcemap: true },
});
