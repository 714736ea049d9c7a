// The curriculum, in order (issue 7): every idea the seeds teach, from a tour of the cluster to the
// control plane under failure.
import { tour } from "./content/01-tour";
import { firstPod } from "./content/02-first-pod";
import { selfHealing } from "./content/03-self-healing";
import { scaling } from "./content/04-scaling";
import { services } from "./content/05-services";
import { rollingUpdates } from "./content/06-rolling-updates";
import { highAvailability } from "./content/07-high-availability";
import { autoscaling } from "./content/08-autoscaling";
import { config } from "./content/09-config";
import { storage } from "./content/10-storage";
import { statefulSets } from "./content/11-statefulsets";
import { batch } from "./content/12-batch";
import { ingress } from "./content/13-ingress";
import { scheduling } from "./content/14-scheduling";
import { security } from "./content/15-security";
import { controlPlane } from "./content/16-control-plane";
import type { Lesson } from "./types";

export const LESSONS: readonly Lesson[] = [
  tour,
  firstPod,
  selfHealing,
  scaling,
  services,
  rollingUpdates,
  highAvailability,
  autoscaling,
  config,
  storage,
  statefulSets,
  batch,
  ingress,
  scheduling,
  security,
  controlPlane,
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
