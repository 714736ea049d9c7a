import { lessonSuite } from "../testing/lessonSuite";
import { statefulSets } from "./11-statefulsets";

lessonSuite(statefulSets);
