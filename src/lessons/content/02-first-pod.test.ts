import { lessonSuite } from "../testing/lessonSuite";
import { firstPod } from "./02-first-pod";

lessonSuite(firstPod);
