import { lessonSuite } from "../testing/lessonSuite";
import { scheduling } from "./14-scheduling";

lessonSuite(scheduling);
