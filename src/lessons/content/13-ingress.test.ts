import { lessonSuite } from "../testing/lessonSuite";
import { ingress } from "./13-ingress";

lessonSuite(ingress);
