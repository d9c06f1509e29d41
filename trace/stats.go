package trace

import (
	"math"
	"slices"
)

// OpStat totals one service's or one operation's spans. Count and Errors
// count every span; the times are over the timed ones only (Span.Timed):
// an untimed span's "0 ns" would drag the minimum, the mean and the
// percentiles down.
type OpStat struct {
	Service, Name string // Name is "" for a whole service
	Count, Errors int
	Untimed       int   // spans among Count with no start, no end or an end before the start
	Total, Self   int64 // sums of durations and self times, ns
	// Unknown sums the spans' time nobody can attribute (Analysis.Unknown:
	// after an unended span under one started), ns; Self leaves it out.
	Unknown  int64
	Min, Max int64 // shortest and longest duration, ns (0 when none is timed)
	// Durations holds every timed span's duration, ns, for the
	// percentiles; sorted in place by the first Percentile call.
	Durations []int64
}

// Timed is how many spans the times are over.
func (o OpStat) Timed() int { return o.Count - o.Untimed }

// Percentile is the q-quantile (0 < q ≤ 1) of the durations, ns.
func (o OpStat) Percentile(q float64) int64 { return Percentile(o.Durations, q) }

// Percentile is the nearest-rank q-quantile (0 < q ≤ 1) of ds: the
// smallest value with at least q of the values at or below it, always a
// value that was measured, never one made up between two. It sorts ds in
// place when needed (once: a sorted slice is only checked). Stats and diff
// both call it, so their p50/p95/p99 agree. Empty ds gives 0.
func Percentile(ds []int64, q float64) int64 {
	if len(ds) == 0 {
		return 0
	}
	if !slices.IsSorted(ds) {
		slices.Sort(ds)
	}
	// ceil(q·n) is the 1-based rank; the epsilon keeps 0.95·20, which is
	// 19.000000000000004 in floating point, at rank 19.
	rank := int(math.Ceil(q*float64(len(ds))-1e-9)) - 1
	return ds[min(max(rank, 0), len(ds)-1)]
}

// Avg is the mean duration of the timed spans, ns.
func (o OpStat) Avg() int64 {
	if o.Timed() == 0 {
		return 0
	}
	return o.Total / int64(o.Timed())
}

// StatsTable accumulates per-service or per-operation statistics over any
// number of traces.
type StatsTable struct {
	ByOperation bool
	index       map[[2]string]int
	Rows        []OpStat
}

// Add counts every real span of an analyzed trace.
func (t *StatsTable) Add(tr *Tree, a *Analysis) {
	if t.index == nil {
		t.index = map[[2]string]int{}
	}
	for i := int32(0); i < int32(len(tr.Trace.Spans)); i++ {
		s := tr.Span(i)
		key := [2]string{s.Service(), ""}
		if t.ByOperation {
			key[1] = s.Name
		}
		k, ok := t.index[key]
		if !ok {
			k = len(t.Rows)
			t.index[key] = k
			t.Rows = append(t.Rows, OpStat{Service: key[0], Name: key[1]})
		}
		r := &t.Rows[k]
		r.Count++
		if s.IsError() {
			r.Errors++
		}
		if !s.Timed() {
			r.Untimed++
			continue
		}
		d := s.Duration()
		if r.Timed() == 1 {
			r.Min = d
		}
		r.Total += d
		r.Self += a.Self[i]
		if len(a.Unknown) > 0 {
			if u, ok := a.UnknownOf(i); ok {
				r.Unknown += u.Time
			}
		}
		r.Min = min(r.Min, d)
		r.Max = max(r.Max, d)
		r.Durations = append(r.Durations, d)
	}
}
