// The images the Kubernetes docs use, as data: compressed size (linux/amd64, so pulls take a realistic time),
// ENTRYPOINT/CMD (so a container without command/args runs what the image runs), and the userland that
// decides error wording. Sizes are approximations of Docker Hub / registry.k8s.io manifests; tags that
// differ a lot (old nginx, busybox 1.28, mysql 5.6) have their own size.
// Keys are normalized repository names (imageRef.ts): "docker.io/library/nginx", "registry.k8s.io/pause".

import type { Userland } from "./types";

export interface CatalogueEntry {
  /** Normalized repository names that are this image (mirrors and renamed registries included). */
  readonly repos: readonly string[];
  /** Compressed size in MB (10^6 bytes) of the default tag. */
  readonly sizeMB: number;
  /** Sizes of tags that differ from the default; a key ending in "*" matches a tag prefix. */
  readonly tagSizesMB?: Readonly<Record<string, number>>;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  readonly userland: Userland;
  readonly files?: Readonly<Record<string, string>>;
  readonly workingDir?: string;
  readonly windowsOnly?: boolean;
  readonly entrypointDefault?: string;
}

/** Size of an unknown image: a typical small application image. */
export const DEFAULT_IMAGE_SIZE_MB = 50;

export const NGINX_INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
`;
const DEBIAN_FILES = { "/etc/os-release": DEBIAN_OS_RELEASE, "/etc/debian_version": "12.11\n" };

const SHELL = ["sh"];

export const IMAGE_CATALOGUE: readonly CatalogueEntry[] = [
  {
    repos: ["docker.io/library/nginx", "registry.k8s.io/nginx"],
    sizeMB: 72.2,
    tagSizesMB: { "1.14.2": 44.7, "1.16.1": 51.1, "1.9.2": 49.3, "alpine*": 20.4, "*alpine": 20.4 },
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    userland: "gnu",
    files: { ...DEBIAN_FILES, "/usr/share/nginx/html/index.html": NGINX_INDEX_HTML, "/usr/share/nginx/html/50x.html": "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n" },
  },
  {
    repos: ["registry.k8s.io/nginx-slim"],
    sizeMB: 26.2,
    entrypoint: [],
    cmd: ["nginx", "-g", "daemon off;"],
    userland: "gnu",
    files: { "/usr/share/nginx/html/index.html": NGINX_INDEX_HTML },
  },
  {
    repos: ["docker.io/library/httpd"],
    sizeMB: 58.2,
    tagSizesMB: { "alpine*": 22.3 },
    entrypoint: [],
    cmd: ["httpd-foreground"],
    userland: "gnu",
    workingDir: "/usr/local/apache2",
    files: { ...DEBIAN_FILES, "/usr/local/apache2/htdocs/index.html": "<html><body><h1>It works!</h1></body></html>\n" },
  },
  {
    repos: ["docker.io/library/busybox", "registry.k8s.io/busybox", "k8s.gcr.io/busybox", "gcr.io/google-containers/busybox", "gcr.io/google_containers/busybox"],
    sizeMB: 2.16,
    tagSizesMB: { "1.28": 0.73, "1.27.2": 0.75, "1.24": 0.68, "1.34*": 0.77 },
    entrypoint: [],
    cmd: SHELL,
    userland: "busybox",
  },
  { repos: ["docker.io/library/alpine"], sizeMB: 3.64, entrypoint: [], cmd: ["/bin/sh"], userland: "busybox" },
  { repos: ["docker.io/library/ubuntu"], sizeMB: 29.7, entrypoint: [], cmd: ["/bin/bash"], userland: "gnu" },
  { repos: ["docker.io/library/debian"], sizeMB: 48.5, entrypoint: [], cmd: ["bash"], userland: "gnu", files: DEBIAN_FILES },
  { repos: ["docker.io/library/fedora"], sizeMB: 62.3, entrypoint: [], cmd: ["/bin/bash"], userland: "gnu" },
  { repos: ["docker.io/library/bash"], sizeMB: 6.2, entrypoint: ["docker-entrypoint.sh"], cmd: ["bash"], userland: "busybox" },
  { repos: ["docker.io/curlimages/curl"], sizeMB: 10.1, entrypoint: ["/entrypoint.sh"], cmd: ["curl"], userland: "busybox" },
  {
    repos: ["docker.io/library/redis", "registry.k8s.io/redis", "gcr.io/google_samples/gb-redisslave", "us-docker.pkg.dev/google-samples/containers/gke/gb-redis-follower"],
    sizeMB: 45.4,
    tagSizesMB: { "5*": 35.1, "alpine*": 17.3 },
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["redis-server"],
    entrypointDefault: "redis-server",
    userland: "gnu",
    workingDir: "/data",
  },
  {
    repos: ["docker.io/library/mysql"],
    sizeMB: 170.1,
    tagSizesMB: { "5.6*": 103.4, "5.7*": 137.2, "8.0*": 166.3 },
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["mysqld"],
    entrypointDefault: "mysqld",
    userland: "gnu",
  },
  { repos: ["docker.io/library/postgres"], sizeMB: 151.8, tagSizesMB: { "alpine*": 105.2 }, entrypoint: ["docker-entrypoint.sh"], cmd: ["postgres"], entrypointDefault: "postgres", userland: "gnu" },
  { repos: ["docker.io/library/mongo"], sizeMB: 245.3, tagSizesMB: { "4.2*": 143.1 }, entrypoint: ["docker-entrypoint.sh"], cmd: ["mongod"], entrypointDefault: "mongod", userland: "gnu" },
  { repos: ["docker.io/library/rabbitmq"], sizeMB: 98.6, entrypoint: ["docker-entrypoint.sh"], cmd: ["rabbitmq-server"], userland: "gnu" },
  { repos: ["docker.io/library/memcached"], sizeMB: 31.4, entrypoint: ["docker-entrypoint.sh"], cmd: ["memcached"], entrypointDefault: "memcached", userland: "gnu" },
  { repos: ["docker.io/library/wordpress"], sizeMB: 165.4, entrypoint: ["docker-entrypoint.sh"], cmd: ["apache2-foreground"], userland: "gnu" },
  { repos: ["docker.io/library/perl"], sizeMB: 331.6, entrypoint: [], cmd: ["perl", "-de0"], userland: "gnu" },
  { repos: ["docker.io/library/python"], sizeMB: 382.5, tagSizesMB: { "*slim*": 41.3, "*alpine*": 17.9 }, entrypoint: [], cmd: ["python3"], userland: "gnu" },
  { repos: ["docker.io/library/node"], sizeMB: 398.2, tagSizesMB: { "*slim*": 69.4, "*alpine*": 55.1 }, entrypoint: ["docker-entrypoint.sh"], cmd: ["node"], userland: "gnu" },
  { repos: ["registry.k8s.io/pause", "k8s.gcr.io/pause", "gcr.io/google_containers/pause", "gcr.io/google-containers/pause"], sizeMB: 0.32, tagSizesMB: { "2.0": 0.24, "3.1": 0.32 }, entrypoint: ["/pause"], cmd: [], userland: "none" },
  { repos: ["registry.k8s.io/e2e-test-images/agnhost"], sizeMB: 51.2, entrypoint: ["/agnhost"], cmd: [], userland: "busybox" },
  { repos: ["registry.k8s.io/liveness", "k8s.gcr.io/liveness", "gcr.io/google_containers/liveness"], sizeMB: 2.6, entrypoint: [], cmd: ["/server"], userland: "none" },
  { repos: ["registry.k8s.io/goproxy", "k8s.gcr.io/goproxy"], sizeMB: 2.5, entrypoint: ["/goproxy"], cmd: [], userland: "none" },
  { repos: ["registry.k8s.io/hpa-example", "k8s.gcr.io/hpa-example"], sizeMB: 142.1, entrypoint: [], cmd: ["apache2-foreground"], userland: "gnu" },
  { repos: ["registry.k8s.io/serve_hostname", "k8s.gcr.io/serve_hostname"], sizeMB: 2.8, entrypoint: ["/serve_hostname"], cmd: [], userland: "none" },
  {
    repos: ["gcr.io/google-samples/hello-app", "us-docker.pkg.dev/google-samples/containers/gke/hello-app"],
    sizeMB: 4.9,
    entrypoint: [],
    cmd: ["./hello-app"],
    userland: "busybox",
    workingDir: "/app",
  },
  { repos: ["gcr.io/google-samples/hello-go-gke"], sizeMB: 4.6, entrypoint: [], cmd: ["./hello-app"], userland: "busybox", workingDir: "/app" },
  { repos: ["gcr.io/google-samples/hello-frontend"], sizeMB: 9.6, entrypoint: ["/docker-entrypoint.sh"], cmd: ["nginx", "-g", "daemon off;"], userland: "busybox" },
  { repos: ["gcr.io/google-samples/kubernetes-bootcamp", "docker.io/jocatalin/kubernetes-bootcamp"], sizeMB: 86.1, entrypoint: [], cmd: ["/bin/sh", "-c", "node server.js"], userland: "gnu" },
  { repos: ["registry.k8s.io/echoserver", "k8s.gcr.io/echoserver", "docker.io/kicbase/echo-server"], sizeMB: 46.3, tagSizesMB: { "1.0": 3.2 }, entrypoint: [], cmd: ["echo-server"], userland: "gnu" },
  { repos: ["gcr.io/google-samples/node-hello"], sizeMB: 253.4, entrypoint: [], cmd: ["node", "server.js"], userland: "gnu" },
  {
    repos: ["gcr.io/google-samples/gb-frontend", "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend", "docker.io/paulczar/gb-frontend"],
    sizeMB: 131.2,
    entrypoint: [],
    cmd: ["apache2-foreground-guestbook"],
    userland: "gnu",
  },
  { repos: ["gcr.io/google-samples/cassandra"], sizeMB: 180.4, entrypoint: [], cmd: ["/usr/local/apache-cassandra/bin/cassandra", "-f"], userland: "gnu" },
  { repos: ["gcr.io/google-samples/xtrabackup"], sizeMB: 96.3, entrypoint: [], cmd: ["bash"], userland: "gnu" },
  { repos: ["registry.k8s.io/kubernetes-zookeeper", "k8s.gcr.io/kubernetes-zookeeper"], sizeMB: 128.7, entrypoint: [], cmd: ["start-zookeeper"], userland: "gnu" },
  { repos: ["registry.k8s.io/etcd", "k8s.gcr.io/etcd", "gcr.io/etcd-development/etcd", "quay.io/coreos/etcd"], sizeMB: 98.2, entrypoint: [], cmd: ["/usr/local/bin/etcd"], userland: "none" },
  { repos: ["registry.k8s.io/e2e-test-images/jessie-dnsutils"], sizeMB: 113.5, entrypoint: [], cmd: ["bash"], userland: "gnu" },
  { repos: ["registry.k8s.io/fluentd-gcp", "k8s.gcr.io/fluentd-gcp"], sizeMB: 121.6, entrypoint: [], cmd: ["/run.sh"], userland: "gnu" },
  { repos: ["quay.io/fluentd_elasticsearch/fluentd", "k8s.gcr.io/fluentd-elasticsearch", "registry.k8s.io/fluentd-elasticsearch"], sizeMB: 139.8, tagSizesMB: { "1.20": 71.3 }, entrypoint: [], cmd: ["/entrypoint.sh"], userland: "gnu" },
  { repos: ["docker.io/fluent/fluentd"], sizeMB: 41.2, entrypoint: ["tini", "--", "/bin/entrypoint.sh"], cmd: ["fluentd"], userland: "busybox" },
  { repos: ["docker.io/polinux/stress"], sizeMB: 4.2, entrypoint: [], cmd: ["stress", "--help"], userland: "busybox" },
  { repos: ["docker.io/vish/stress"], sizeMB: 1.9, entrypoint: ["/stress"], cmd: ["-logtostderr"], userland: "none" },
  { repos: ["docker.io/hashicorp/http-echo"], sizeMB: 3.6, entrypoint: ["/http-echo"], cmd: [], userland: "none" },
  { repos: ["docker.io/alpine/socat"], sizeMB: 4.1, entrypoint: ["socat"], cmd: [], userland: "busybox" },
  { repos: ["registry.k8s.io/cluster-proportional-autoscaler-amd64", "k8s.gcr.io/cluster-proportional-autoscaler-amd64"], sizeMB: 15.8, entrypoint: ["/cluster-proportional-autoscaler"], cmd: [], userland: "none" },
  { repos: ["docker.io/microsoft/windowsservercore", "docker.io/microsoft/iis", "mcr.microsoft.com/windows/servercore", "mcr.microsoft.com/windows/nanoserver"], sizeMB: 5_400, entrypoint: [], cmd: ["cmd"], userland: "none", windowsOnly: true },
];
