package trace

// OpStat totals one service's or one operation's spans.
type OpStat struct {
	Service, Name string // Name is "" for a whole service
	Count, Errors int
	Total, Self   int64 // sums of durations and self times, ns
	Min, Max      int64 // shortest and longest duration, ns
}

// Avg is the mean duration, ns.
func (o OpStat) Avg() int64 {
	if o.Count == 0 {
		return 0
	}
	return o.Total / int64(o.Count)
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
			t.Rows = append(t.Rows, OpStat{Service: key[0], Name: key[1], Min: s.Duration()})
		}
		r := &t.Rows[k]
		d := s.Duration()
		r.Count++
		r.Total += d
		r.Self += a.Self[i]
		r.Min = min(r.Min, d)
		r.Max = max(r.Max, d)
		if s.IsError() {
			r.Errors++
		}
	}
}
