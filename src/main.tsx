import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import "./app.css";

const container = document.getElementById("root");
if (!container) throw new Error('Kubelab: index.html has no element with id "root" to render into.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
