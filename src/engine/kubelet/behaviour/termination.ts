// The terminated container's `message`: the file at terminationMessagePath, or with FallbackToLogsOnError
// and a failed container, the tail of its log.
// mirrors getTerminationMessage and readLastStringFromContainerLogs (k/k pkg/kubelet/kuberuntime/
// kuberuntime_container.go) with the limits of pkg/kubelet/container/runtime.go.

import type { Container } from "../../api/types";
import type { ContainerProcess } from "./runtime";

export const MAX_TERMINATION_MESSAGE_LENGTH = 4 * 1024;
export const MAX_TERMINATION_MESSAGE_LOG_LENGTH = 2 * 1024;
export const MAX_TERMINATION_MESSAGE_LOG_LINES = 80;

/**
 * The message the kubelet reports for a terminated container. `logLines` are the container's log lines in
 * order (the lead keeps the log); they are read only for FallbackToLogsOnError with a non-zero exit code.
 */
export function terminationMessage(proc: ContainerProcess, container: Container, logLines: readonly string[] = []): string | undefined {
  const path = container.terminationMessagePath || "/dev/termination-log";
  const data = (proc.fs.read(path) ?? "").slice(0, MAX_TERMINATION_MESSAGE_LENGTH);
  const fallback = container.terminationMessagePolicy === "FallbackToLogsOnError" && data.length === 0;
  if (!fallback) return data === "" ? undefined : data;
  if ((proc.exitStatus?.exitCode ?? 0) === 0) return undefined;
  return tailForTermination(logLines) || undefined;
}

/** The last 80 lines, then the last 2048 bytes of them (a ring buffer keeps the end). */
export function tailForTermination(logLines: readonly string[]): string {
  const text = logLines.slice(-MAX_TERMINATION_MESSAGE_LOG_LINES).map((l) => `${l}\n`).join("");
  return text.length > MAX_TERMINATION_MESSAGE_LOG_LENGTH ? text.slice(text.length - MAX_TERMINATION_MESSAGE_LOG_LENGTH) : text;
}
