// labels.FormatLabels as kubectl prints it (--show-labels, Service SELECTOR, describe's "Selector:"):
// the shared apimachinery port, which sorts the joined "key=value" strings as upstream's Set.String.
export { formatLabels } from "../../apimachinery/labels";
