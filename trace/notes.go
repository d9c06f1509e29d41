package trace

import (
	"fmt"
	"time"
)

// Notes are short human notes on what is odd about span i, worded for a row
// annotation; times are shown as recorded, so skew is only described.
func (tr *Tree) Notes(i int32) []string {
	f := tr.Marks[i]
	if f == 0 {
		return nil
	}
	var out []string
	s := tr.Span(i)
	var ps *Span
	if p := tr.Parent[i]; p >= 0 {
		ps = tr.Span(p)
	}
	if f&MarkPlaceholder != 0 {
		out = append(out, "parent never arrived")
	}
	if f&MarkOrphan != 0 {
		out = append(out, "parent missing")
	}
	if f&MarkSharedRPC != 0 {
		out = append(out, "shares ID with client span")
	}
	if f&MarkDuplicateID != 0 {
		out = append(out, "duplicate span ID")
	}
	if f&MarkCycle != 0 {
		out = append(out, "parent link cut (cycle)")
	}
	if f&MarkNoEnd != 0 {
		out = append(out, "no end time")
	}
	if f&MarkEndBeforeStart != 0 {
		out = append(out, "ends before it starts")
	}
	if f&MarkStartsBeforeParent != 0 && ps != nil {
		out = append(out, fmt.Sprintf("starts %s before parent (clock skew?)", short(ps.Start-s.Start)))
	}
	if f&MarkEndsAfterParent != 0 && ps != nil {
		out = append(out, fmt.Sprintf("ends %s after parent", short(s.End-ps.End)))
	}
	return out
}

// short is a compact duration for notes; render has the full formatter,
// but trace must not import it.
func short(ns int64) string {
	return time.Duration(ns).Round(time.Microsecond).String()
}
