package trace

// join64 merges each trace with a 64-bit ID into the one 128-bit trace with
// the same low 64 bits, when exactly one exists. Jaeger and Zipkin clients
// configured for 64-bit IDs inside a request that began with a 128-bit ID
// (or the reverse) write both forms; the request is one trace, and without
// the join half of it hangs under a "missing parent" placeholder.
func (c *Collector) join64() {
	var short []int
	for i, t := range c.traces {
		if t.ID.Is64() && t.Raw == "" {
			short = append(short, i)
		}
	}
	if len(short) == 0 || len(short) == len(c.traces) {
		return
	}
	const ambiguous = -1
	long := make(map[[8]byte]int, len(c.traces)-len(short))
	for i, t := range c.traces {
		if t.ID.Is64() || t.ID.IsZero() || t.Raw != "" {
			continue
		}
		low := [8]byte(t.ID[8:])
		if _, dup := long[low]; dup {
			long[low] = ambiguous
		} else {
			long[low] = i
		}
	}
	drop := make(map[int]bool)
	for _, i := range short {
		src := c.traces[i]
		j, ok := long[[8]byte(src.ID[8:])]
		if !ok || j == ambiguous {
			continue
		}
		dst := c.traces[j]
		spans := make([]Span, 0, len(dst.Spans)+len(src.Spans))
		spans = append(spans, dst.Spans...)
		for _, s := range src.Spans {
			s.TraceID = dst.ID
			spans = append(spans, s)
		}
		dst.Spans = spans
		dst.Warnings = append(dst.Warnings, src.Warnings...)
		dst.Logs = append(dst.Logs, src.Logs...)
		dst.Joined64 += len(src.Spans)
		drop[i] = true
	}
	if len(drop) == 0 {
		return
	}
	kept, big := c.traces[:0], c.big[:0]
	for i, t := range c.traces {
		if !drop[i] {
			kept, big = append(kept, t), append(big, c.big[i])
		}
	}
	c.traces, c.big = kept, big
	c.queued = c.queued[:len(kept)] // all zero after join
	c.index = make(map[TraceID]int, len(kept))
	for i, t := range kept {
		c.index[t.ID] = i
	}
	c.last = -1
}
