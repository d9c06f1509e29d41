package trace

import "slices"

// FindingKind names a kind of finding.
type FindingKind string

const (
	FindingNPlusOne   FindingKind = "N+1"        // the same call repeated, one after another
	FindingDuplicate  FindingKind = "duplicate"  // the very same call (same URL/statement) made again
	FindingCycle      FindingKind = "cycle"      // services calling each other in a loop
	FindingGap        FindingKind = "gap"        // a parent's time covered by no child span
	FindingSequential FindingKind = "sequential" // calls to different services one after another
	FindingSelf       FindingKind = "self"       // the bottleneck is a parent's own code
	FindingQueueWait  FindingKind = "queue wait" // a message waited long between producer and consumer
)

// Finding is something a waterfall alone hides. Render turns it into words.
type Finding struct {
	Kind  FindingKind
	Span  int32   // the span to look at: the parent for N+1, gap and sequential
	Spans []int32 // the spans involved (the first few for big groups)
	Count int     // calls in an N+1 or duplicate, services in a cycle
	Time  int64   // ns at stake: total of the calls, the gap, the time parallel calls would save, the queue wait
	Of    int64   // ns it is a share of: the parent's duration, or the trace's
	Max   int64   // the longest single call of an N+1
	After int32   // gap: the child span the gap follows (-1: before the first)
	Group *Repeat // N+1: the group, also folded in the waterfall
	Path  []string
}

// Repeat is a run of sibling calls with the same service, name and
// normalised statement or route: folded into one row in the waterfall.
// Times are the timed members' (Span.Timed): untimed ones are folded too
// but take no part in them.
type Repeat struct {
	Parent  int32
	Members []int32 // by start time
	// Total and Max are the summed and longest member durations clipped to
	// the parent's interval, ns: a call overflowing its parent (clock skew)
	// cannot make the run longer than the parent.
	Total, Max int64
	Start, End int64 // earliest timed member start, latest end, unix ns (0: none timed)
	Sequential bool  // no two timed members overlap (clipped)
	Timed      int   // members with both times known
}

// FindOptions tune what is worth reporting.
type FindOptions struct {
	RepeatThreshold int     // siblings repeated at least this often fold and may be N+1 (default 5)
	Share           float64 // a gap or a saving must be at least this share of the trace (default 0.1)
	MinGap          int64   // and at least this long, ns (default 1 ms)
}

func (o *FindOptions) defaults() {
	if o.RepeatThreshold <= 0 {
		o.RepeatThreshold = 5
	}
	if o.Share <= 0 {
		o.Share = 0.1
	}
	if o.MinGap <= 0 {
		o.MinGap = 1e6
	}
}

// Findings is everything found in one trace.
type Findings struct {
	List    []Finding
	Repeats []*Repeat
	// Folded maps every member of a repeat group to its group, for the
	// waterfall to fold them into one row.
	Folded map[int32]*Repeat
}

// maxListed caps how many spans a finding names.
const maxListed = 8

// Find looks for repeated and duplicate calls, service cycles, gaps,
// sequential calls and a parent's own time on the critical path. It is
// linear in the spans (plus sorting within groups), so a million spans
// take well under a second.
func Find(tr *Tree, a *Analysis, opt FindOptions) *Findings {
	f := Fold(tr, opt)
	opt.defaults()
	f.rest(tr, a, opt)
	return f
}

// Fold is Find's first step alone: the runs of repeated calls the
// waterfall folds (Repeats, Folded) and the N+1 findings among them, about
// a fifth of Find's work. The explorer draws a trace's first frame with it
// and has Complete find the rest meanwhile.
func Fold(tr *Tree, opt FindOptions) *Findings {
	opt.defaults()
	f := &Findings{Folded: map[int32]*Repeat{}}
	f.repeats(tr, opt)
	return f
}

// Complete is what Find gives for tr, a and opt, from f, which Fold made
// of the same tree and options. f is not changed, so it can be read while
// Complete runs; the result shares its Repeats and Folded.
func (f *Findings) Complete(tr *Tree, a *Analysis, opt FindOptions) *Findings {
	opt.defaults()
	g := &Findings{List: slices.Clone(f.List), Repeats: f.Repeats, Folded: f.Folded}
	g.rest(tr, a, opt)
	return g
}

// rest is every step of Find after Fold's.
func (f *Findings) rest(tr *Tree, a *Analysis, opt FindOptions) {
	f.duplicates(tr)
	f.cycles(tr)
	f.gaps(tr, opt)
	f.sequential(tr, opt)
	f.selfTime(tr, a, opt)
	f.queueWaits(tr, opt)
}

func (f *Findings) add(x Finding) {
	if len(x.Spans) > maxListed {
		x.Spans = x.Spans[:maxListed]
	}
	f.List = append(f.List, x)
}

// repeats groups each parent's children by call identity.
func (f *Findings) repeats(tr *Tree, opt FindOptions) {
	for p := int32(0); p < int32(tr.Len()); p++ {
		kids := tr.Children(p)
		if len(kids) < opt.RepeatThreshold {
			continue
		}
		groups := map[string][]int32{}
		var order []string
		for _, c := range kids {
			k := callKey(tr.Span(c))
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], c)
		}
		for _, k := range order {
			g := groups[k]
			if len(g) < opt.RepeatThreshold {
				continue
			}
			r := newRepeat(tr, p, g) // children come sorted by start
			f.Repeats = append(f.Repeats, r)
			for _, m := range g {
				f.Folded[m] = r
			}
			if r.Sequential && r.Timed >= opt.RepeatThreshold && r.Total > 0 && tr.Span(p).Timed() {
				f.add(Finding{Kind: FindingNPlusOne, Span: p, Spans: timedOnly(tr, g), Count: r.Timed, Time: r.Total,
					Of: tr.Span(p).Duration(), Max: r.Max, Group: r})
			}
		}
	}
}

// newRepeat totals a run over its timed members, each clipped to the
// parent when the parent is timed (a placeholder's extent is its orphans').
func newRepeat(tr *Tree, parent int32, members []int32) *Repeat {
	r := &Repeat{Parent: parent, Members: members, Sequential: true}
	ps := tr.Span(parent)
	lastEnd := int64(0)
	for _, m := range members {
		s := tr.Span(m)
		if !s.Timed() {
			continue
		}
		if r.Timed == 0 {
			r.Start = s.Start
		}
		r.Timed++
		r.End = max(r.End, s.End)
		lo, hi := s.Start, s.End
		if ps.Timed() {
			lo, hi = max(lo, ps.Start), min(hi, ps.End)
		}
		if hi < lo {
			continue // wholly outside the parent: none of its time
		}
		r.Total += hi - lo
		r.Max = max(r.Max, hi-lo)
		if lo < lastEnd {
			r.Sequential = false
		}
		lastEnd = max(lastEnd, hi)
	}
	return r
}

// timedOnly is the members a finding names: the timed ones.
func timedOnly(tr *Tree, g []int32) []int32 {
	out := make([]int32, 0, len(g))
	for _, m := range g {
		if tr.Span(m).Timed() {
			out = append(out, m)
		}
	}
	return out
}
