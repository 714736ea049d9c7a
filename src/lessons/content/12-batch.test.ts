import { lessonSuite } from "../testing/lessonSuite";
import { batch } from "./12-batch";

lessonSuite(batch);
