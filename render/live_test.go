package render

import "testing"

func TestLiveStatusCountsInWords(t *testing.T) {
	for _, c := range []struct {
		in   LiveCounts
		want string
	}{
		{LiveCounts{Addrs: "OTLP/HTTP on http://127.0.0.1:4318"}, "live · 0 spans received · 0 spans/s · 0 traces · OTLP/HTTP on http://127.0.0.1:4318"},
		{LiveCounts{Received: 1, Rate: 0.4, Traces: 1, Addrs: "a"}, "live · 1 span received · 0 spans/s · 1 trace · a"},
		{LiveCounts{Received: 25000, Rate: 1234.6, Traces: 3, Logs: 1, EvictedTraces: 2, Addrs: "a"},
			"live · 25000 spans received · 1235 spans/s · 3 traces · a · 1 log · 2 old traces evicted (--max-spans)"},
	} {
		if got := LiveStatus(c.in); got != c.want {
			t.Errorf("LiveStatus(%+v)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}
