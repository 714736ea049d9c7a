import { expect } from "vitest";
import { lessonSuite } from "../testing/lessonSuite";
import { security } from "./15-security";

lessonSuite(security, {
  // `auth can-i` exits 1 when the answer is no, and curl from a Pod the policy refuses times out.
  mayFail: [/auth can-i list pods -n dev --as=system:serviceaccount:dev:ci/, /--from other/],
  quiz: (q) => expect(q.choices[q.answer]).toBe("No"),
});
