package rundiff

import (
	"strings"

	"github.com/tracetui/tracetui/trace"
)

// OpKey names an operation: a service and a span name, or a service alone
// (Name "") when grouping by service.
type OpKey struct{ Service, Name string }

// Label is "service name", or the service alone.
func (k OpKey) Label() string {
	if k.Name == "" {
		return k.Service
	}
	return k.Service + " " + k.Name
}

// FindingKey identifies a structural finding across traces: its kind, the
// operation it is about and what it involves (the repeated call of an N+1,
// the duplicated call, a cycle's path).
type FindingKey struct {
	Kind   trace.FindingKind
	Op     OpKey
	Detail string
}

// opAcc is one operation's accumulated numbers on one side.
type opAcc struct {
	durs     []int64 // timed calls only: an untimed call's 0 ns is no measurement
	untimed  int     // calls with no start, no end or an end before the start
	self     int64
	errors   int
	critical int            // calls on the critical path
	kinds    map[string]int // error kind → error spans
}

// Run is one side of a comparison.
type Run struct {
	ByService bool
	Traces    int
	traceDurs []int64 // traces with a timed span; Untimed counts the others
	untimed   int
	traceErrs int
	ops       map[OpKey]*opAcc
	order     []OpKey
	findings  map[FindingKey]int // → traces with it
}

// NewRun starts an empty side; byService groups by service alone.
func NewRun(byService bool) *Run {
	return &Run{ByService: byService, ops: map[OpKey]*opAcc{}, findings: map[FindingKey]int{}}
}

// Add counts one analyzed trace (with findings, for new N+1s to be seen).
func (r *Run) Add(t trace.Analyzed) {
	tr, a := t.Tree, t.Analysis
	r.Traces++
	if tr.End > tr.Start && !tr.EndUnknown { // an open end is a lower bound, not a duration
		r.traceDurs = append(r.traceDurs, tr.Duration())
	} else {
		r.untimed++
	}
	if a.Errors > 0 {
		r.traceErrs++
	}
	for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
		s := tr.Span(i)
		acc := r.op(r.keyOf(s))
		if s.Timed() {
			acc.durs = append(acc.durs, s.Duration())
			acc.self += a.Self[i]
		} else {
			acc.untimed++
		}
		if a.OnCriticalPath(i) {
			acc.critical++
		}
		if s.IsError() {
			acc.errors++
			if acc.kinds == nil {
				acc.kinds = map[string]int{}
			}
			acc.kinds[ErrorKind(s)]++
		}
	}
	if t.Findings != nil {
		seen := map[FindingKey]bool{}
		for _, f := range t.Findings.List {
			if k, ok := r.findingKey(tr, f); ok && !seen[k] {
				seen[k] = true
				r.findings[k]++
			}
		}
	}
}

// largest is the most calls of one operation (or traces) in the run.
func (r *Run) largest() int {
	n := len(r.traceDurs)
	for _, acc := range r.ops {
		n = max(n, len(acc.durs)+acc.untimed)
	}
	return n
}

func (r *Run) keyOf(s *trace.Span) OpKey {
	if r.ByService {
		return OpKey{Service: s.Service()}
	}
	return OpKey{s.Service(), s.Name}
}

func (r *Run) op(k OpKey) *opAcc {
	acc := r.ops[k]
	if acc == nil {
		acc = &opAcc{}
		r.ops[k] = acc
		r.order = append(r.order, k)
	}
	return acc
}

// findingKey keeps the structural findings (N+1, duplicate, cycle): they
// say what the code does. Gaps, sequential calls and self time are about
// one trace's timing and would come and go with noise.
func (r *Run) findingKey(tr *trace.Tree, f trace.Finding) (FindingKey, bool) {
	k := FindingKey{Kind: f.Kind}
	switch f.Kind {
	case trace.FindingNPlusOne:
		k.Op = r.keyOf(tr.Span(f.Span))
		if len(f.Spans) > 0 {
			k.Detail = r.keyOf(tr.Span(f.Spans[0])).Label()
		}
	case trace.FindingDuplicate:
		if len(f.Spans) > 0 {
			k.Op = r.keyOf(tr.Span(f.Spans[0]))
		}
	case trace.FindingCycle:
		k.Detail = strings.Join(f.Path, " → ")
	default:
		return k, false
	}
	return k, true
}

// ErrorKind is what kind of error a span reports: its status message,
// else the type of its exception event, else "error".
func ErrorKind(s *trace.Span) string {
	if s.StatusMessage != "" {
		return s.StatusMessage
	}
	for _, e := range s.Events {
		if e.Name == "exception" {
			if v, ok := trace.Lookup(e.Attrs, "exception.type"); ok && v.AsString() != "" {
				return v.AsString()
			}
		}
	}
	return "error"
}
