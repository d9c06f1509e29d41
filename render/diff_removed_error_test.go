package render

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace/diff"
)

// A call that failed in A and that B no longer makes was not fixed: the
// explorer's cells and tracetui diff's status say "removed, error", the
// counterpart of "added, error", never "error → ok".
func TestRemovedErrorSpanReadsRemovedError(t *testing.T) {
	a := build(
		spec{1, 0, "checkout", "POST /checkout", 0, 100, ""},
		spec{2, 1, "cart", "GET session", 10, 20, "no session"},
	)
	b := build(spec{1, 0, "checkout", "POST /checkout", 0, 100, ""})
	d := diff.Align(a, b)
	row := int32(-1)
	for k := range d.Rows {
		if d.Rows[k].Removed() {
			row = int32(k)
		}
	}
	if row < 0 {
		t.Fatal("no removed row")
	}
	opt := Options{Glyphs: Unicode, Styles: PlainStyles(), Width: 100}
	w := NewWaterfallDiff(d, diff.Threshold{})
	cells := w.RemovedCells(row, w.ColumnsFor(200, Unicode), opt)
	if !strings.Contains(cells, "removed, error") || strings.Contains(cells, "ok") {
		t.Errorf("explorer's cells of the removed failed call: %q, want removed, error", cells)
	}
	var line string
	for _, l := range TraceDiffLines(d, DiffView{}, opt) {
		if strings.Contains(l, "GET session") {
			line = l
		}
	}
	if !strings.HasSuffix(line, " removed, error") || strings.Contains(line, "ok") {
		t.Errorf("diff row of the removed failed call: %q, want removed, error", line)
	}
	if Width(line) > 100 {
		t.Errorf("row is %d columns, over 100: %q", Width(line), line)
	}
}
