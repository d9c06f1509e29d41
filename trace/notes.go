package trace

import (
	"fmt"
	"time"
)

// Notes are short human notes on what is odd about span i, worded for a row
// annotation; times are shown as recorded, so skew is only described.
func (tr *Tree) Notes(i int32) []string {
	f := tr.Flags[i]
	if f == 0 {
		return nil
	}
	var out []string
	s := tr.Span(i)
	var ps *Span
	if p := tr.Parent[i]; p >= 0 {
		ps = tr.Span(p)
	}
	if f&FlagPlaceholder != 0 {
		out = append(out, "parent never arrived")
	}
	if f&FlagOrphan != 0 {
		out = append(out, "parent missing")
	}
	if f&FlagSharedRPC != 0 {
		out = append(out, "shares ID with client span")
	}
	if f&FlagDuplicateID != 0 {
		out = append(out, "duplicate span ID")
	}
	if f&FlagCycle != 0 {
		out = append(out, "parent link cut (cycle)")
	}
	if f&FlagNoEnd != 0 {
		out = append(out, "no end time")
	}
	if f&FlagEndBeforeStart != 0 {
		out = append(out, "ends before it starts")
	}
	if f&FlagStartsBeforeParent != 0 && ps != nil {
		out = append(out, fmt.Sprintf("starts %s before parent (clock skew?)", short(ps.Start-s.Start)))
	}
	if f&FlagEndsAfterParent != 0 && ps != nil {
		out = append(out, fmt.Sprintf("ends %s after parent", short(s.End-ps.End)))
	}
	return out
}

// short is a compact duration for notes; render has the full formatter,
// but trace must not import it.
func short(ns int64) string {
	return time.Duration(ns).Round(time.Microsecond).String()
}
