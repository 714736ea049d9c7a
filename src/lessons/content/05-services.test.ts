import { lessonSuite } from "../testing/lessonSuite";
import { services } from "./05-services";

lessonSuite(services);
