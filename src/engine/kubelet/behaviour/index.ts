// The container behaviour model: what a container "runs" in Kubelab, where no real process exists.
//
// Flow for the kubelet:
//   pullImage(container.image)                    → InvalidImageName | ErrImagePull | ok (+ pull duration)
//   compileBehaviour(container, info, { env })    → Program (cache it per pod template: it is immutable)
//   createContainerProcess(container, program, { volumes, kubeletFiles, host })
//   proc.start(now) / proc.nextEventTime() / proc.advance(now) → Effects (log lines, files, ports, exit)
//   runProbe(probe, { process, container, podIP, nowMs })      → { result, output } for Unhealthy events
//   proc.signal("TERM" | "KILL", now), proc.exec(argv, now, timeoutMs), proc.httpGet(port, path, now)
//   proc.usage() → { cpuMilli, memoryBytes } for metrics
//
// Documented defaults (see each file): unknown images pull with 50 MB and run forever; unknown commands run
// forever in the container and succeed in exec probes; names containing does-not-exist / non-existing and
// registries under .invalid/.example/.test fail to pull; a shell loop that never sleeps spins one core.

export { applyDefaultImageTag, canonicalReference, parseNormalizedNamed, type ImageRef } from "./imageRef";
export { imageInfoForRef, lookupImage, pullDurationMs, pullImage, PULL_FAILURE_MS, PULL_RESOLVE_MS, type PullOutcome } from "./images";
export { IMAGE_CATALOGUE, DEFAULT_IMAGE_SIZE_MB, type CatalogueEntry } from "./imageCatalogue";
export { compileBehaviour, expandKubeletVars, processArgs, type CompileOptions } from "./program";
export { ContainerProcess, createContainerProcess } from "./runtime";
export type { CreateProcessOptions, ExecResult, HttpGetResult, ProcessOptions } from "./processTypes";
export { ContainerFs, normalizePath, resolveMounts, type Mount, type VolumeFiles, type VolumeHandle, type VolumeStore } from "./containerFs";
export { resolveContainerPort, runProbe, type ProbeResult, type ProbeTarget } from "./probes";
export { respondHttp, accessLogLine, type HttpRequest, type HttpResponse } from "./http";
export { allocationMs, containerLimits, containerUsage, throttledCpuMilli, CPU_MS_PER_REQUEST, SHELL_IDLE, type ContainerLimits, type ResourceUsage } from "./resources";
export { terminationMessage, tailForTermination, MAX_TERMINATION_MESSAGE_LENGTH } from "./termination";
export { DAEMONS } from "./daemons";
export { kubeletManagedFiles, managedHostsFileContent, resolvConfContent, type KubeletFilesInput } from "./kubeletFiles";
export type { DaemonSpec, Effect, ExitReason, HostHttpResult, HttpBehaviour, ImageInfo, LogStream, ProcessHost, Program, ProgramMain, StopBehaviour, Userland } from "./types";
