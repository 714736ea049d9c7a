import { lessonSuite } from "../testing/lessonSuite";
import { scaling } from "./04-scaling";

lessonSuite(scaling);
