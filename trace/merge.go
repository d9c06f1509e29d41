package trace

// Merge moves every span of o into c, as if each had been added to c after
// the spans c holds, in o's order: traces new to c come after c's, in the
// order o saw them, and a trace both hold has o's spans after c's. A
// loader decoding parts of one input in parallel merges the parts in input
// order, so the result is the one a single pass would give. A trace new to
// c keeps o's slice (no copy); o must not be used afterwards.
func (c *Collector) Merge(o *Collector) {
	o.join()
	for _, t := range o.traces {
		i, ok := c.index[t.ID]
		if !ok {
			c.traces = append(c.traces, t)
			c.full = append(c.full, nil)
			c.index[t.ID] = len(c.traces) - 1
			c.spans += len(t.Spans)
			continue
		}
		dst := c.traces[i]
		if dst.Raw == "" {
			dst.Raw = t.Raw
		}
		dst.Warnings = append(dst.Warnings, t.Warnings...)
		dst.Logs = append(dst.Logs, t.Logs...)
		for spans := t.Spans; len(spans) > 0; {
			if len(dst.Spans) == cap(dst.Spans) {
				c.grow(i)
			}
			n := min(len(spans), cap(dst.Spans)-len(dst.Spans))
			dst.Spans = append(dst.Spans, spans[:n]...)
			spans = spans[n:]
			c.spans += n
		}
	}
	c.last = -1
	*o = Collector{}
}
