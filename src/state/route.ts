// The page's hash routes: #/, #/lessons, #/lessons/:id/:step, #/experiments, #/experiments/:id, and
// #/share/:data (a Share link, consumed at start-up). Hash routes keep the built site static: any host
// serves index.html and the browser never asks the server for a route.
import { useSyncExternalStore } from "react";

export type Route =
  | { readonly name: "home" }
  | { readonly name: "lessons" }
  | { readonly name: "lesson"; readonly id: string; readonly step: string }
  | { readonly name: "experiments" }
  | { readonly name: "experiment"; readonly id: string }
  | { readonly name: "share"; readonly data: string };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** Reads a location hash ("#/lessons/pods/2"); anything unknown is home. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, "").replace(/^\/+/, "").replace(/\/+$/, "");
  const parts = path === "" ? [] : path.split("/");
  const [head, a, b] = parts;
  switch (head) {
    case "lessons":
      if (a === undefined) return { name: "lessons" };
      return { name: "lesson", id: decode(a), step: b === undefined ? "1" : decode(b) };
    case "experiments":
      return a === undefined ? { name: "experiments" } : { name: "experiment", id: decode(a) };
    case "share":
      // The data is base64url: no "/" inside, but be lenient with anything after the prefix.
      return a === undefined ? { name: "home" } : { name: "share", data: parts.slice(1).join("/") };
    default:
      return { name: "home" };
  }
}

/** The hash for a route (with the leading "#"). */
export function routeHash(r: Route): string {
  switch (r.name) {
    case "home":
      return "#/";
    case "lessons":
      return "#/lessons";
    case "lesson":
      return `#/lessons/${encodeURIComponent(r.id)}/${encodeURIComponent(r.step)}`;
    case "experiments":
      return "#/experiments";
    case "experiment":
      return `#/experiments/${encodeURIComponent(r.id)}`;
    case "share":
      return `#/share/${r.data}`;
  }
}

export function currentRoute(): Route {
  return parseRoute(typeof location === "undefined" ? "" : location.hash);
}

/** Goes to a route (adds a history entry, as a link would). */
export function navigate(r: Route): void {
  location.hash = routeHash(r);
}

/** Replaces the current route without a history entry (e.g. after consuming a Share link). */
export function replaceRoute(r: Route): void {
  history.replaceState(history.state, "", `${location.pathname}${location.search}${routeHash(r)}`);
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

// Routes are compared by hash so the hook returns a stable object while the hash does not change.
let cachedHash: string | undefined;
let cachedRoute: Route = { name: "home" };
function snapshot(): Route {
  const h = location.hash;
  if (h !== cachedHash) {
    cachedHash = h;
    cachedRoute = parseRoute(h);
  }
  return cachedRoute;
}

/** The current route; re-renders when the hash changes. */
export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot, () => cachedRoute);
}
