import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { installHistoryTraversalGuard } from "./history-traversal-guard.js";
import "./styles.css";

// Before the router listens to popstate, so the guard's listener runs first.
installHistoryTraversalGuard();
const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
