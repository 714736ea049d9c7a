// Gallery examples: configuration (ConfigMap, Secret) and storage (StorageClass, PersistentVolume,
// PersistentVolumeClaim).
import type { Example } from "./types";

export const CONFIG_EXAMPLES: readonly Example[] = [
  {
    id: "configmap-settings",
    title: "ConfigMap as environment and as files",
    description: "Settings kept out of the image. The pod reads them twice: as environment variables (envFrom) and as files under /etc/app.",
    category: "Configuration",
    kinds: ["ConfigMap", "Pod"],
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-settings
data:
  LOG_LEVEL: info
  GREETING: hello
  app.properties: |
    color=blue
    retries=3
---
apiVersion: v1
kind: Pod
metadata:
  name: settings-reader
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "echo $GREETING at level $LOG_LEVEL; cat /etc/app/app.properties; sleep 3600"]
    envFrom:
    - configMapRef:
        name: app-settings      # every key becomes a variable
    volumeMounts:
    - name: settings
      mountPath: /etc/app       # every key becomes a file
  volumes:
  - name: settings
    configMap:
      name: app-settings
`,
  },
  {
    id: "secret-credentials",
    title: "Secret used by a pod",
    description: "stringData is written as plain text and stored base64-encoded in data. The pod gets one key as an environment variable.",
    category: "Configuration",
    kinds: ["Secret", "Pod"],
    yaml: `# Base64 is an encoding, not encryption: anyone who can read the Secret can read the password.
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
stringData:
  username: app
  password: s3cr3t-in-the-lab
---
apiVersion: v1
kind: Pod
metadata:
  name: db-client
spec:
  containers:
  - name: client
    image: busybox:1.36
    command: ["sh", "-c", "echo connecting as $DB_USER; sleep 3600"]
    env:
    - name: DB_USER
      valueFrom:
        secretKeyRef:
          name: db-credentials
          key: username
    - name: DB_PASSWORD
      valueFrom:
        secretKeyRef:
          name: db-credentials
          key: password
`,
  },
];

export const STORAGE_EXAMPLES: readonly Example[] = [
  {
    id: "storageclass-local",
    title: "StorageClass (default)",
    description: "Names a provisioner and its parameters. Marked as the default class, it is used by claims that name no class.",
    category: "Storage",
    kinds: ["StorageClass"],
    yaml: `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local-path
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: rancher.io/local-path
reclaimPolicy: Delete
# Wait until a pod uses the claim, so the volume is made on the node the pod was scheduled to.
volumeBindingMode: WaitForFirstConsumer
`,
  },
  {
    id: "persistentvolume-manual",
    title: "PersistentVolume made by hand",
    description: "A 1Gi volume an administrator created in advance (static provisioning). Claims of class manual asking for at most 1Gi can bind to it.",
    category: "Storage",
    kinds: ["PersistentVolume"],
    yaml: `# PersistentVolumes are cluster-wide: no namespace.
apiVersion: v1
kind: PersistentVolume
metadata:
  name: manual-1gi
spec:
  storageClassName: manual
  capacity:
    storage: 1Gi
  accessModes: ["ReadWriteOnce"]
  persistentVolumeReclaimPolicy: Retain   # keep the data when the claim is deleted
  hostPath:
    path: /data/manual-1gi
`,
  },
  {
    id: "persistentvolumeclaim-data",
    title: "PersistentVolumeClaim",
    description: "A request for storage: 1Gi, mounted read-write by one node. It binds to a matching PersistentVolume of class manual (see the PersistentVolume example).",
    category: "Storage",
    kinds: ["PersistentVolumeClaim"],
    yaml: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: manual
  accessModes: ["ReadWriteOnce"]
  resources:
    requests:
      storage: 1Gi
# A pod uses it with:
#   volumes:
#   - name: data
#     persistentVolumeClaim:
#       claimName: data
`,
  },
];
