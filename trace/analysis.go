package trace

import (
	"cmp"
	"slices"
)

// ErrorRole tells an error that started a failure from one that only passed
// it upward.
type ErrorRole uint8

const (
	RoleNone ErrorRole = iota
	// RoleOrigin: an error span that no erroring child explains.
	RoleOrigin
	// RolePropagated: an error span with an erroring child: it reports an
	// error that started below it.
	RolePropagated
)

// Failure is where a trace failed.
type Failure struct {
	Span    int32  // the failure point: the origin whose error reached furthest up
	Message string // status message, else exception event, else HTTP status
	// Propagated are the erroring ancestors the error travelled through,
	// nearest first.
	Propagated []int32
}

// ServiceStat totals one service's spans in a trace.
type ServiceStat struct {
	Name   string
	Spans  int
	Errors int
	Total  int64 // sum of durations, ns
	Self   int64 // sum of self times, ns
}

// Segment is a stretch of time during which a span was on the critical path.
type Segment struct {
	Span       int32
	Start, End int64 // unix ns
}

// UnknownTime is a span's time nobody can attribute (see Analysis.Unknown).
type UnknownTime struct {
	Span  int32 // the timed span whose time it is
	After int32 // the earliest unended span under it, whose start began it
	Time  int64 // ns: the span's moments from that start on no timed child covers
}

// Analysis answers "where did the time go, and where did it fail".
type Analysis struct {
	Self []int64 // per span index, ns: duration minus the union of its children's intervals
	// Critical is per span index its time on the critical path, ns: the
	// union of its segments (0: it holds none, though it may be an entry).
	Critical []int64

	// CriticalPath is the critical path as time segments, latest first
	// (the order the walk back from the trace's end discovers them).
	CriticalPath []Segment
	// Path is the critical path's entries, root first (tree pre-order),
	// each once: every span holding time on it and every span it passes
	// through to reach them. Their Critical times add up to PathTime.
	Path []int32
	// PathTime is the critical path's length, ns: the sum of its
	// segments; the trace's duration unless stretches ran in no span.
	PathTime int64
	onPath   []bool

	// Unknown lists, by span index, the timed spans with time nobody can
	// attribute: after an unended span under one started (a start but no
	// usable end, Span.Unended), the moments no timed child covers were
	// its own or the unended span's. Self leaves that time out.
	Unknown []UnknownTime
	// UnknownPath are the critical path's stretches of such time, latest
	// first, each named (Segment.Span) for the unended span after whose
	// start it fell; UnknownPathTime is their sum, ns. The critical path
	// is PathTime + UnknownPathTime long.
	UnknownPath     []Segment
	UnknownPathTime int64

	// Bottleneck is the path entry holding the most of it (Critical),
	// more self time breaking ties; -1 if none.
	Bottleneck int32

	Roles []ErrorRole // per span index
	// ErrorsBelow counts error spans in each span's subtree, itself
	// excluded: what a collapsed row or an elided run hides.
	ErrorsBelow []int32
	Errors      int      // spans with status ERROR
	Failure     *Failure // nil when nothing failed

	Services []ServiceStat // by total time, descending, then name
}

// UnknownOf is span i's time nobody can attribute; false when none.
func (a *Analysis) UnknownOf(i int32) (UnknownTime, bool) {
	k, ok := slices.BinarySearchFunc(a.Unknown, i, func(u UnknownTime, i int32) int { return cmp.Compare(u.Span, i) })
	if !ok {
		return UnknownTime{}, false
	}
	return a.Unknown[k], true
}

// OnCriticalPath reports whether span i is a critical-path entry (see Path).
func (a *Analysis) OnCriticalPath(i int32) bool { return a.onPath[i] }
