import { lessonSuite } from "../testing/lessonSuite";
import { config } from "./09-config";

lessonSuite(config);
