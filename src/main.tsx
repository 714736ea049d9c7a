import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { bootPage } from "./state/boot";
import "./app.css";

const container = document.getElementById("root");
if (!container) throw new Error('Kubelab: index.html has no element with id "root" to render into.');

// Restore files and settings and start the engine's worker before the first render, so the first
// paint already shows the saved theme and the cluster arrives as soon as the worker has it.
bootPage();

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
