package render

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// CopyScopes name what the explorer's copy takes, by the key that picks it.
var CopyScopes = [...]string{"span", "subtree", "trace"}

// CopyMenu is the explorer's copy (or write) menu: the three scopes with
// their span counts, the format with what tab switches it to (other; ""
// when there is no other), and esc. It wraps to width columns, one line
// or more: every option, the format and esc show on any terminal.
func CopyMenu(write bool, counts [3]int, format, other string, width int, g *Glyphs) []string {
	g = g.or()
	f := "format: " + format
	if other != "" {
		f += " (tab: " + other + ")"
	}
	menu := func(verb string, count func(int) string) []string {
		keys := [...]string{"s", "t", "a"}
		parts := make([]string, 0, 5)
		for k, name := range CopyScopes {
			p := keys[k] + " " + name + " (" + count(counts[k]) + ")"
			if k == 0 {
				p = verb + " " + p
			}
			parts = append(parts, p)
		}
		return wrapJoin(append(parts, "esc cancel", f), g.Sep, width, g)
	}
	verb := "copy:"
	if write {
		verb = "write to a file:"
	}
	if lines := menu(verb, func(n int) string { return Plural(n, "span") }); len(lines) <= 2 {
		return lines
	}
	// Narrow: the counts alone, so the menu leaves the selected row in
	// sight on a 40-column, 10-line terminal.
	if write {
		verb = "write:"
	}
	return menu(verb, strconv.Itoa)
}

// CopyFilePrompt is the file name w asks for, being typed (path, sanitized
// here, with the caret after it), in width columns: one line when it fits;
// else the label, then the name's end (where the caret is) on a line of
// its own.
func CopyFilePrompt(spans int, format, path string, width int, g *Glyphs) []string {
	g = g.or()
	label := "write " + Plural(spans, "span") + " as " + format + " to: "
	name := g.Clean(path) + g.Caret
	if Width(label)+Width(name) <= width {
		return []string{label + name}
	}
	if n := Width(name); n > width {
		name = ansi.TruncateLeft(name, n-width+Width(g.Ellipsis), g.Ellipsis)
	}
	return []string{g.Truncate(strings.TrimSpace(label), width), name}
}

// CopyOverwrite asks before w replaces a file that exists.
func CopyOverwrite(path string, width int, g *Glyphs) []string {
	g = g.or()
	return wrapJoin([]string{"file exists: " + g.Clean(path), "overwrite? y/n"}, g.Sep, width, g)
}

// CopyNeedsTrace is the status when y or w is pressed on the trace list.
const CopyNeedsTrace = "open a trace to copy (y copies a span, its subtree or the trace; w writes it to a file)"

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
