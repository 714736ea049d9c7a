import { lessonSuite } from "../testing/lessonSuite";
import { rollingUpdates } from "./06-rolling-updates";

lessonSuite(rollingUpdates);
