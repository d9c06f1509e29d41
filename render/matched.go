package render

import (
	"strconv"

	"github.com/tracetui/tracetui/trace"
)

// What print shows for --where: a marker beside each span the query
// selected, a line counting them under the legend, and, with --max-spans,
// the selected spans kept visible with their ancestors. Everything about
// it is here and in Options.Matched / ViewState.Matched, so the row code
// carries one call.

// matchMark is the column between the markers and the tree guides: the
// match marker on a selected span's row, else a space.
func matchMark(r Row, st ViewState, opt Options) string {
	if st.Matched == nil || r.Elided || !st.Matched(r.Span) {
		return " "
	}
	return opt.Styles.Paint(opt.Styles.Header, opt.Glyphs.or().Match)
}

// matchedState is the print view's Matched for one tree, from the option.
func matchedState(tr *trace.Tree, opt Options) func(int32) bool {
	if opt.Matched == nil {
		return nil
	}
	return func(i int32) bool { return opt.Matched(tr, i) }
}

// keepMatched adds every selected span (and, through add, its ancestors)
// to --max-spans' keep set, before the budget goes to other spans.
func keepMatched(tr *trace.Tree, matched func(int32) bool, add func(int32)) {
	if matched == nil {
		return
	}
	for i := int32(0); i < int32(tr.Len()); i++ {
		if matched(i) {
			add(i)
		}
	}
}

// matchedLine counts the selected spans under the legend: "› 3 spans match
// --where"; nothing without --where.
func matchedLine(tr *trace.Tree, opt Options) []string {
	m := matchedState(tr, opt)
	if m == nil {
		return nil
	}
	n := 0
	for i := int32(0); i < int32(tr.Len()); i++ {
		if m(i) {
			n++
		}
	}
	by := opt.MatchedBy
	if by == "" {
		by = "--where"
	}
	text := strconv.Itoa(n) + " spans match " + by
	if n == 1 {
		text = "1 span matches " + by
	}
	return []string{opt.Styles.Paint(opt.Styles.Dim, opt.Glyphs.or().Match+" "+text)}
}
