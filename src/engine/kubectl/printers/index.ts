// kubectl's output formatting: pure functions from API objects and the simulated clock (ms) to text.
// Tables (`get`), -o name/json/yaml/jsonpath/custom-columns, and `describe` for the simulated kinds.
export { humanDuration, shortHumanDuration, parseTimestamp, translateTimestampSince } from "./duration";
export { TabWriter, TabWriterFlags, newKubectlTableWriter, newDescribeWriter, runeCount } from "./tabwriter";
export { buildTable, writeTable, printTable, printGet, noResourcesFoundMessage, escapeTerminal, type Table, type TableRow, type TableOptions, type GetOutput } from "./table";
export { columnsFor, type Cell, type ColumnDefinition, type KindPrinter } from "./columns/index";
export { formatLabels } from "./labels";
export {
  PrintError,
  printable,
  resourceTypeName,
  formatObjectName,
  printNames,
  printJSON,
  printYAML,
  compileJSONPath,
  printJSONPath,
  relaxedJSONPathExpression,
  parseCustomColumnsSpec,
  printCustomColumns,
  type PrintedList,
  type JSONPathPrintOptions,
  type CustomColumn,
} from "./output";
export { JSONPathTemplate, JSONPathExecError, JSONPathParseError, parseJSONPath, goSprint } from "./jsonpath";
export { goJSONMarshal } from "./gojson";
export { goYAMLMarshal } from "./goyaml";
export * from "./describe/index";
