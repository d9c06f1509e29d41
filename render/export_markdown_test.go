package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// cells splits a table row on its unescaped pipes.
func cells(row string) int {
	n := 0
	for k := 0; k < len(row); k++ {
		if row[k] == '\\' {
			k++
			continue
		}
		if row[k] == '|' {
			n++
		}
	}
	return n - 1
}

// A name from a trace cannot add a column, open a link or code span,
// break the row or drive a terminal; a value cannot close the fence.
func TestSpansMarkdownEscapesTraceStrings(t *testing.T) {
	a := build(
		spec{id: 1, svc: "web|x", name: "GET `/a` | [x](http://e) \x1b[2J\nnext", end: 100, err: "boom | `q`"},
		spec{id: 2, parent: 1, svc: "db", name: "q\u009b31m", start: 10, end: 20},
	)
	a.Tree.Span(1).Attrs = []trace.Attr{{Key: "sql", Value: trace.StringValue("```\n# heading")}}
	md := SpansMarkdown(a.Tree, a.Analysis, nil, Options{})
	rows := 0
	for _, l := range strings.Split(md, "\n") {
		if strings.HasPrefix(l, "| ") {
			rows++
			if c := cells(l); c != 7 {
				t.Errorf("%d cells, want 7: %q", c, l)
			}
		}
	}
	if rows != 3 || strings.ContainsAny(md, "\x1b\u009b") || strings.Contains(md, "x](http") {
		t.Errorf("%d rows (want a header and 2 spans), or an escape or link got through:\n%s", rows, md)
	}
	// One span: its details follow in a fence no value can close.
	md = SpansMarkdown(a.Tree, a.Analysis, []int32{1}, Options{})
	if !strings.Contains(md, "````text\n") || !strings.HasSuffix(md, "\n````\n") || !strings.Contains(md, "| q | db |") {
		t.Errorf("single span:\n%s", md)
	}
}
