package query

import "github.com/tracetui/tracetui/trace"

// structural answers { A } op { B } from the tree's flat arrays in O(n):
// the result is the spans of B related to some span of A (TraceQL returns
// the right-hand side):
//
//	>   B's parent is in A              <   B has a child in A
//	>>  B has an ancestor in A          <<  B has a descendant in A
//	~   B has a sibling in A (not itself; same parent)
//
// and !>, !<, !>>, !<<, !~ are the spans of B for which that is false.
// Placeholders never match a filter, so they are never in A or B: a span
// whose parent never arrived has no parent in A, and neither it nor its
// placeholder is an ancestor of anything in A. Orphans under the same
// placeholder are siblings: they name the same parent. Roots (several when
// a trace has several) are nobody's siblings.
func structural(tr *trace.Tree, op string, a, b Set) Set {
	var rel Set
	switch op {
	case ">", "!>":
		rel = childOf(tr, a, b)
	case "<", "!<":
		rel = parentOf(tr, a, b)
	case ">>", "!>>":
		rel = descendantOf(tr, a, b)
	case "<<", "!<<":
		rel = ancestorOf(tr, a, b)
	case "~", "!~":
		rel = siblingOf(tr, a, b)
	}
	if op[0] == '!' {
		return b.minus(rel)
	}
	return rel
}

func childOf(tr *trace.Tree, a, b Set) Set {
	out := newSet(tr.Len())
	b.each(func(i int32) {
		if a.Has(tr.Parent[i]) {
			out.add(i)
		}
	})
	return out
}

func parentOf(tr *trace.Tree, a, b Set) Set {
	out := newSet(tr.Len())
	a.each(func(i int32) {
		if p := tr.Parent[i]; b.Has(p) {
			out.add(p)
		}
	})
	return out
}

// descendantOf walks the pre-order once: a span is below an A span while
// its position is inside that span's subtree range [Pos, Pos+Size).
func descendantOf(tr *trace.Tree, a, b Set) Set {
	out := newSet(tr.Len())
	end := 0 // first position past the open A subtrees
	for p, i := range tr.Order {
		if p < end && b.Has(i) {
			out.add(i)
		}
		if a.Has(i) {
			end = max(end, p+int(tr.Size[i]))
		}
	}
	return out
}

// ancestorOf counts A spans by pre-order position (a prefix sum): a B span
// has a descendant in A when its subtree range, itself excluded, holds one.
func ancestorOf(tr *trace.Tree, a, b Set) Set {
	out := newSet(tr.Len())
	sum := make([]int32, len(tr.Order)+1)
	for p, i := range tr.Order {
		sum[p+1] = sum[p]
		if a.Has(i) {
			sum[p+1]++
		}
	}
	b.each(func(i int32) {
		p := int(tr.Pos[i])
		if sum[p+int(tr.Size[i])] > sum[p+1] {
			out.add(i)
		}
	})
	return out
}

func siblingOf(tr *trace.Tree, a, b Set) Set {
	out := newSet(tr.Len())
	for p := int32(0); p < int32(tr.Len()); p++ {
		kids := tr.Children(p)
		if len(kids) < 2 {
			continue
		}
		inA := 0
		for _, k := range kids {
			if a.Has(k) {
				inA++
			}
		}
		if inA == 0 {
			continue
		}
		for _, k := range kids {
			self := 0
			if a.Has(k) {
				self = 1
			}
			if b.Has(k) && inA-self > 0 {
				out.add(k)
			}
		}
	}
	return out
}
