import { expect } from "vitest";
import { lessonSuite } from "../testing/lessonSuite";
import { tour } from "./01-tour";

lessonSuite(tour, {
  quiz: (q) => expect(q.choices[q.answer]).toBe("control-plane"),
});
