package trace

// Merge moves every span of o into c, as if each had been added to c after
// the spans c holds, in o's order: traces new to c come after c's, in the
// order o saw them, and a trace both hold has o's spans after c's. A
// loader decoding parts of one input in parallel merges the parts in input
// order, so the result is the one a single pass would give. o's arena
// blocks and slices move over without copying; o must not be used again.
func (c *Collector) Merge(o *Collector) {
	to := make([]int32, len(o.traces))
	for j, t := range o.traces {
		i, ok := c.index[t.ID]
		if !ok {
			i = c.newTrace(t)
			c.big[i] = o.big[j]
			to[j] = int32(i)
			continue
		}
		to[j] = int32(i)
		dst := c.traces[i]
		if dst.Raw == "" {
			dst.Raw = t.Raw
		}
		dst.Warnings = append(dst.Warnings, t.Warnings...)
		dst.Logs = append(dst.Logs, t.Logs...)
		if len(t.Spans) > 0 {
			// o's own slice for this trace follows c's spans: give c's
			// trace a slice of its own to append to.
			c.moveOut(i)
			c.appendBig(dst, t.Spans)
		}
	}
	for b, owners := range o.owner {
		spans, live := o.arena[b], 0
		for k, j := range owners {
			if j < 0 {
				continue
			}
			i := to[j]
			if c.big[i] {
				c.appendBig(c.traces[i], spans[k:k+1])
				owners[k] = -1
				spans[k] = Span{}
				continue
			}
			owners[k] = i
			c.queued[i]++
			live++
		}
		if live > 0 { // a block all moved to big traces is left behind
			c.arena = append(c.arena, spans)
			c.owner = append(c.owner, owners)
		}
	}
	for j := range o.traces {
		if i := to[j]; !c.big[i] && c.queued[i]+len(c.traces[i].Spans) >= bigTrace {
			c.moveOut(int(i))
		}
	}
	c.spans += o.spans
	c.last = -1
	*o = Collector{}
}

func (c *Collector) appendBig(t *Trace, spans []Span) {
	if cap(t.Spans)-len(t.Spans) < len(spans) {
		c.grow(t, len(spans))
	}
	t.Spans = append(t.Spans, spans...)
}
