import { lessonSuite } from "../testing/lessonSuite";
import { highAvailability } from "./07-high-availability";

lessonSuite(highAvailability);
