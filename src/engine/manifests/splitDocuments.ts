// Splits a manifest file into YAML document chunks exactly as kubectl does before any YAML parsing.
// mirrors YAMLReader.Read (apimachinery pkg/util/yaml/decoder.go), the reader behind
// NewYAMLOrJSONDecoder that cli-runtime's StreamVisitor uses for `kubectl apply -f`.
//
// Upstream rules, which decide what go-yaml sees and therefore the line numbers in its errors:
// - a line starting with "---" ends the current chunk; the separator line itself is dropped,
//   except when the chunk is still empty, where it is kept (so a file that starts with "---" keeps
//   that line and go-yaml's line numbers match the file's);
// - text after "---" on the same line must be blank or a comment, otherwise the stream fails with
//   `invalid Yaml document separator: <rest>`;
// - every line ends with "\n" (the line reader appends it).

export interface DocumentChunk {
  /** The chunk's text, each line ending in "\n". */
  text: string;
  /** 0-based line in the file of the chunk's first line. */
  startLine: number;
}

export interface SplitResult {
  chunks: DocumentChunk[];
  /** Set when a separator line carries content: the stream stops there. */
  separatorError?: { line: number; message: string };
}

export function splitDocuments(text: string): SplitResult {
  const lines = text.split("\n");
  // A trailing "\n" leaves an empty last element that is not a line of its own.
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();

  const chunks: DocumentChunk[] = [];
  let buffer: string[] = [];
  let bufferStart = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith("---")) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== "#") {
        return { chunks, separatorError: { line: i, message: `invalid Yaml document separator: ${trimmed}` } };
      }
      if (buffer.length > 0) {
        chunks.push({ text: buffer.join("\n") + "\n", startLine: bufferStart });
        buffer = [];
        continue;
      }
    }
    if (buffer.length === 0) bufferStart = i;
    buffer.push(line);
  }
  if (buffer.length > 0) chunks.push({ text: buffer.join("\n") + "\n", startLine: bufferStart });
  return { chunks };
}
