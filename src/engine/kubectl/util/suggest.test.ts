// cobra's suggestions (command.go SuggestionsFor, cobra.go ld) with SuggestionsMinimumDistance 2.
import { describe, expect, it } from "vitest";
import { levenshtein, suggestionText, suggestionsFor } from "./suggest";

const COMMANDS = [{ name: "get", suggestFor: ["list", "ps"] }, { name: "delete", suggestFor: ["rm"] }, { name: "describe" }, { name: "apply" }];

describe("suggestions", () => {
  it("measures edit distance case-insensitively", () => {
    expect(levenshtein("gett", "get")).toBe(1);
    expect(levenshtein("GET", "get")).toBe(0);
    expect(levenshtein("kitten", "sitting")).toBe(3);
  });

  it("suggests by distance, by prefix and by SuggestFor", () => {
    expect(suggestionsFor("gett", COMMANDS)).toEqual(["get"]);
    expect(suggestionsFor("desc", COMMANDS)).toEqual(["describe"]);
    // Short words are within distance 2 of short names too: "de" → get (2 edits), delete, describe.
    expect(suggestionsFor("de", COMMANDS)).toEqual(["get", "delete", "describe"]);
    expect(suggestionsFor("ps", COMMANDS)).toEqual(["get"]);
    expect(suggestionsFor("zzzzzz", COMMANDS)).toEqual([]);
  });

  it("formats the Did you mean block", () => {
    expect(suggestionText("gett", COMMANDS)).toBe("\n\nDid you mean this?\n\tget\n");
    expect(suggestionText("zzzzzz", COMMANDS)).toBe("");
  });
});
