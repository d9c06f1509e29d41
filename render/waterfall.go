package render

import (
	"github.com/tracetui/tracetui/trace"
)

// Rows lists the visible rows in pre-order: collapsed subtrees become one
// row with hidden counts, and with maxSpans > 0 spans off the critical path
// and away from errors are folded into elision lines.
func Rows(tr *trace.Tree, a *trace.Analysis, st ViewState, maxSpans int) []Row {
	keep := keepSet(tr, a, st, maxSpans)
	var rows []Row
	for p := 0; p < len(tr.Order); {
		i := tr.Order[p]
		if g := st.Repeats[i]; g != nil {
			// The group's first call stands for all; the others (and what
			// they called) are in its row.
			if g.Members[0] == i {
				r := Row{Span: i, Group: g, Last: g.Members[len(g.Members)-1]}
				for _, m := range g.Members {
					r.HiddenErrors += int(a.ErrorsBelow[m])
					if m != i && a.Roles[m] != trace.RoleNone {
						r.HiddenErrors++
					}
				}
				rows = append(rows, r)
			}
			p += int(tr.Size[i])
			continue
		}
		if keep != nil && !keep[i] {
			r := Row{Span: i, Last: i, Elided: true}
			d := tr.Depth[i]
			for p < len(tr.Order) {
				j := tr.Order[p]
				if keep[j] || tr.Depth[j] != d {
					break
				}
				r.Last = j
				r.Hidden += int(tr.Size[j])
				r.HiddenErrors += int(a.ErrorsBelow[j])
				if a.Roles[j] != trace.RoleNone {
					r.HiddenErrors++
				}
				p += int(tr.Size[j])
			}
			rows = append(rows, r)
			continue
		}
		r := Row{Span: i}
		if st.Collapsed[i] && tr.Size[i] > 1 {
			r.Hidden = int(tr.Size[i]) - 1
			r.HiddenErrors = int(a.ErrorsBelow[i])
			rows = append(rows, r)
			p += int(tr.Size[i])
			continue
		}
		rows = append(rows, r)
		p++
	}
	return rows
}

// keepSet picks at most maxSpans spans (more only if the critical path or
// the spans --where marked need them): roots, the critical path, the
// failure point, the marked spans and error spans with all their
// ancestors, then other spans in pre-order. nil means keep everything.
func keepSet(tr *trace.Tree, a *trace.Analysis, st ViewState, maxSpans int) []bool {
	n := tr.Len()
	if maxSpans <= 0 || n <= maxSpans {
		return nil
	}
	keep := make([]bool, n)
	kept := 0
	add := func(i int32) {
		for ; i >= 0 && !keep[i]; i = tr.Parent[i] {
			keep[i] = true
			kept++
		}
	}
	for _, r := range tr.Roots {
		add(r)
	}
	if a.Failure != nil {
		add(a.Failure.Span)
	}
	keepMatched(tr, st, add)
	for i := int32(0); i < int32(n); i++ {
		if a.OnCriticalPath(i) {
			add(i)
		}
	}
	for i := int32(0); i < int32(n) && kept < maxSpans; i++ {
		if a.Roles[i] != trace.RoleNone {
			add(i)
		}
	}
	for _, i := range tr.Order {
		if kept >= maxSpans {
			break
		}
		if !keep[i] && keep[tr.Parent[i]] {
			keep[i] = true
			kept++
		}
	}
	return keep
}

// Waterfall renders the ruler and every visible row.
func Waterfall(tr *trace.Tree, a *trace.Analysis, st ViewState, opt Options) []string {
	l := NewLayout(tr, st, opt)
	rows := Rows(tr, a, st, opt.MaxSpans)
	out := make([]string, 0, len(rows)+1)
	out = append(out, Ruler(l, opt))
	for _, r := range rows {
		out = append(out, RenderRow(tr, a, r, st, l, opt))
	}
	return out
}
