// Character-level checks that run before YAML parsing, mirroring go-yaml v2's reader
// (yaml.v2 readerc.go yaml_parser_update_buffer), which kubectl's YAML decoding goes through.
// A reader error has no position mark, so go-yaml reports it without a line: `yaml: <problem>`.

/**
 * The first character go-yaml's reader refuses, or undefined. go-yaml allows
 * #x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
 * A lone UTF-16 surrogate cannot come from valid UTF-8; go-yaml calls the UTF-8 form of one an
 * "invalid Unicode character".
 */
export function findReaderProblem(text: string, from = 0, to = text.length): string | undefined {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x85) continue;
    if (c >= 0xa0 && c <= 0xd7ff) continue;
    if (c >= 0xe000 && c <= 0xfffd) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = i + 1 < to ? text.charCodeAt(i + 1) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "invalid Unicode character";
    }
    if (c >= 0xdc00 && c <= 0xdfff) return "invalid Unicode character";
    return "control characters are not allowed";
  }
  return undefined;
}

/** Bytes the text takes as UTF-8: what the API server's request-size limit counts. */
export function utf8ByteLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * What kubectl's line reader does to a file before splitting it into documents: a leading byte
 * order mark is dropped (cli-runtime FileVisitor, unicode.BOMOverride) and "\r\n" line ends become
 * "\n" (apimachinery util/yaml LineReader uses bufio ReadLine, which strips them).
 */
export function normalizeNewlines(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes("\r\n") ? noBom.replace(/\r\n/g, "\n") : noBom;
}

export interface Utf8Problem {
  /** Byte offset of the offending sequence. */
  offset: number;
  problem: string;
}

/**
 * The first invalid UTF-8 sequence in bytes, in go-yaml's reader wording, or undefined.
 * mirrors yaml_parser_update_buffer (yaml.v2 readerc.go), UTF-8 branch.
 */
export function findUtf8Problem(bytes: Uint8Array): Utf8Problem | undefined {
  let i = 0;
  while (i < bytes.length) {
    const octet = bytes[i] as number;
    let width: number;
    if ((octet & 0x80) === 0) width = 1;
    else if ((octet & 0xe0) === 0xc0) width = 2;
    else if ((octet & 0xf0) === 0xe0) width = 3;
    else if ((octet & 0xf8) === 0xf0) width = 4;
    else return { offset: i, problem: "invalid leading UTF-8 octet" };
    if (i + width > bytes.length) return { offset: i, problem: "incomplete UTF-8 octet sequence" };
    let value = width === 1 ? octet & 0x7f : width === 2 ? octet & 0x1f : width === 3 ? octet & 0x0f : octet & 0x07;
    for (let k = 1; k < width; k++) {
      const trailing = bytes[i + k] as number;
      if ((trailing & 0xc0) !== 0x80) return { offset: i + k, problem: "invalid trailing UTF-8 octet" };
      value = (value << 6) + (trailing & 0x3f);
    }
    const lengthOk = width === 1 || (width === 2 && value >= 0x80) || (width === 3 && value >= 0x800) || (width === 4 && value >= 0x10000);
    if (!lengthOk) return { offset: i, problem: "invalid length of a UTF-8 sequence" };
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) return { offset: i, problem: "invalid Unicode character" };
    i += width;
  }
  return undefined;
}
