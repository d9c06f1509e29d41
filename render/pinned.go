package render

import "github.com/tracetui/tracetui/trace"

// The answer is never folded away. PinnedSpans are the spans a trace's
// answer is made of: the failure point, every error origin and the
// bottleneck, with all their ancestors (so every error span, since an
// error passed up sits above its origin). A folded run of repeated calls
// keeps its one row ("×1000, 1 error", wearing the marks of what it holds)
// and its pinned calls are drawn after it as rows of their own, with their
// subtrees, in their places: a 1,000-call run with one failure reads as
// two rows plus the failing call's subtree instead of a thousand rows or
// a row that hides the answer. --max-spans keeps pinned spans whatever the
// budget. A viewer's own collapse or filter is obeyed; the row that hides
// a pinned span says so with its marks.

// PinnedSpans is ViewState.Pinned for a trace, by span index. It costs one
// pass over the spans, once per trace, so a keypress never pays for it.
func PinnedSpans(tr *trace.Tree, a *trace.Analysis) []bool {
	pinned := make([]bool, tr.Len())
	pin := func(i int32) {
		for ; i >= 0 && !pinned[i]; i = tr.Parent[i] {
			pinned[i] = true
		}
	}
	if a.Failure != nil {
		pin(a.Failure.Span)
	}
	if a.Bottleneck >= 0 {
		pin(a.Bottleneck)
	}
	for i := range int32(tr.Len()) {
		if a.Roles[i] == trace.RoleOrigin {
			pin(i)
		}
	}
	return pinned
}

// BaseState is the view print and the explorer open a trace with: repeated
// calls folded, the answer pinned, nothing collapsed. Both start here so
// they cannot disagree about which rows a trace has.
func BaseState(t trace.Analyzed) ViewState {
	st := ViewState{Collapsed: map[int32]bool{}, Unfolded: map[*trace.Repeat]bool{}}
	if t.Findings != nil {
		st.Repeats = t.Findings.Folded
	}
	st.Pinned = PinnedSpans(t.Tree, t.Analysis)
	return st
}
