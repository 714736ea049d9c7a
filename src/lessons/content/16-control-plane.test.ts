import { lessonSuite } from "../testing/lessonSuite";
import { controlPlane } from "./16-control-plane";

lessonSuite(controlPlane, {
  // While kube-apiserver is stopped, kubectl cannot connect: that failure is the step's point.
  mayFail: [/^kubectl get pods$/],
});
