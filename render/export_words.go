package render

import "strings"

// CopyScopes name what the explorer's copy takes, by the key that picks it.
var CopyScopes = [...]string{"span", "subtree", "trace"}

// CopyMenu is the explorer's copy (or write) menu line: the three scopes
// with their span counts and the format, which tab switches.
func CopyMenu(write bool, counts [3]int, format string, g *Glyphs) string {
	g = g.or()
	verb := "copy"
	if write {
		verb = "write to a file"
	}
	keys := [...]string{"s", "t", "a"}
	parts := make([]string, 0, 5)
	for k, name := range CopyScopes {
		parts = append(parts, keys[k]+" "+name+" ("+Plural(counts[k], "span")+")")
	}
	parts = append(parts, "tab: as "+format, "esc cancel")
	return verb + ": " + strings.Join(parts, g.Sep)
}

// CopyFilePrompt is the label before the file name w asks for.
func CopyFilePrompt(spans int, format string) string {
	return "write " + Plural(spans, "span") + " as " + format + " to: "
}

// CopyDone is the status after a copy or a write: "copied 3 spans, 2.1 KB
// as OTLP JSON", "wrote 1 span, 812 B as markdown to span.md".
func CopyDone(spans, bytes int, format, path string) string {
	if path == "" {
		return "copied " + Plural(spans, "span") + ", " + sizeText(bytes) + " as " + format
	}
	return "wrote " + Plural(spans, "span") + ", " + sizeText(bytes) + " as " + format + " to " + Sanitize(path)
}

// CopyTooBig is the status when a copy is more than a terminal's
// clipboard takes.
func CopyTooBig(spans, bytes, limit int) string {
	return "not copied: " + Plural(spans, "span") + " are " + sizeText(bytes) + ", more than the clipboard's " +
		sizeText(limit) + "; w writes them to a file"
}

// CopyNothing is the status when the selected row is a placeholder: a
// parent that never arrived is no span to copy.
const CopyNothing = "nothing to copy: the selected row is a parent that never arrived"

// CopyFailed is the status when w could not write the file.
func CopyFailed(path, reason string) string {
	return "cannot write " + Sanitize(path) + ": " + Sanitize(reason)
}
