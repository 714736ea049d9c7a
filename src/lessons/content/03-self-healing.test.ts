import { lessonSuite } from "../testing/lessonSuite";
import { selfHealing } from "./03-self-healing";

lessonSuite(selfHealing);
