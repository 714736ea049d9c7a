// The YAML language worker (yaml-language-server via monaco-yaml), bundled by Vite through a `?worker`
// import of this file: importing monaco-yaml's worker from our own module is the workaround monaco-yaml
// documents for Vite ("Unexpected usage" in EditorSimpleWorker otherwise).
import "monaco-yaml/yaml.worker.js";
