import { lessonSuite } from "../testing/lessonSuite";
import { storage } from "./10-storage";

lessonSuite(storage);
