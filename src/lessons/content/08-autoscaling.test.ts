import { lessonSuite } from "../testing/lessonSuite";
import { autoscaling } from "./08-autoscaling";

lessonSuite(autoscaling);
