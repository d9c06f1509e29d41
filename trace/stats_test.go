package trace

import "testing"

func TestPercentileIsAMeasuredValue(t *testing.T) {
	twenty := make([]int64, 20)
	for i := range twenty {
		twenty[19-i] = int64(i+1) * 1e6 // 1..20 ms, given in reverse
	}
	cases := map[string]struct {
		ds   []int64
		q    float64
		want int64
	}{
		"empty":                   {nil, 0.5, 0},
		"one":                     {[]int64{7}, 0.99, 7},
		"median of four is lower": {[]int64{4, 1, 3, 2}, 0.5, 2},
		"p95 of 20 is the 19th":   {twenty, 0.95, 19e6},
		"p99 of 20 is the max":    {twenty, 0.99, 20e6},
		"p50 of 20 is the 10th":   {twenty, 0.50, 10e6},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if got := Percentile(c.ds, c.q); got != c.want {
				t.Errorf("Percentile(%v, %v) = %d, want %d", c.ds, c.q, got, c.want)
			}
		})
	}
}

func TestStatsTableKeepsDurationsForPercentiles(t *testing.T) {
	tr := &Trace{}
	for i := range 10 {
		// Start 1, not 0: a start of 0 means "not recorded" (untimed).
		tr.Spans = append(tr.Spans, Span{SpanID: SpanID{byte(i + 1)}, Name: "op", Start: 1, End: int64(i+1)*1e6 + 1})
	}
	a := AnalyzeOne(tr, PipelineOptions{})
	tab := &StatsTable{ByOperation: true}
	tab.Add(a.Tree, a.Analysis)
	if len(tab.Rows) != 1 {
		t.Fatalf("rows = %d, want 1", len(tab.Rows))
	}
	if p := tab.Rows[0].Percentile(0.95); p != 10e6 {
		t.Errorf("p95 = %d, want 10 ms", p)
	}
	if p := tab.Rows[0].Percentile(0.5); p != 5e6 {
		t.Errorf("p50 = %d, want 5 ms", p)
	}
}
