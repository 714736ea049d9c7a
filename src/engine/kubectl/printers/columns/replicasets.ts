// `kubectl get rs` and `kubectl get rc`: NAME DESIRED CURRENT READY AGE; wide: CONTAINERS IMAGES SELECTOR.
// mirrors printReplicaSet and printReplicationController (k/k pkg/printers/internalversion/printers.go).
import { formatLabels } from "../labels";
import type { KubeObject, ReplicaSet, ReplicationController } from "../../../api/types";
import { formatLabelSelector } from "../../../apimachinery/labels";
import { age, col, layoutContainerCells, NAME, type Cell, type KindPrinter } from "./types";

const COLUMNS = [NAME, col("Desired"), col("Current"), col("Ready"), col("Age"), col("Containers", 1), col("Images", 1), col("Selector", 1)];

export const replicaSetPrinter: KindPrinter = {
  columns: COLUMNS,
  row(obj: KubeObject, now: number): Cell[] {
    const rs = obj as ReplicaSet;
    const [names, images] = layoutContainerCells(rs.spec?.template?.spec?.containers);
    return [
      rs.metadata.name,
      rs.spec?.replicas ?? 1,
      rs.status?.replicas ?? 0,
      rs.status?.readyReplicas ?? 0,
      age(obj, now),
      names,
      images,
      formatLabelSelector(rs.spec?.selector),
    ];
  },
};

export const replicationControllerPrinter: KindPrinter = {
  columns: COLUMNS,
  row(obj: KubeObject, now: number): Cell[] {
    const rc = obj as ReplicationController;
    // The template is optional on an RC; a missing one lays out as no containers.
    const [names, images] = layoutContainerCells(rc.spec?.template?.spec?.containers);
    return [
      rc.metadata.name,
      rc.spec?.replicas ?? 1,
      rc.status?.replicas ?? 0,
      rc.status?.readyReplicas ?? 0,
      age(obj, now),
      names,
      images,
      formatLabels(rc.spec?.selector),
    ];
  },
};
