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
		switch {
		case live == 0: // a block all moved to big traces is left behind
		case c.expect >= 1:
			c.appendFlat(spans, owners, live)
		default:
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

// appendFlat copies the live spans of an arena block to the end of c's
// one arena block, grown to the expected size (see Expect): one block can
// be put in order in place by join, with no second copy of the spans.
func (c *Collector) appendFlat(spans []Span, owners []int32, live int) {
	if len(c.arena) == 0 {
		c.arena, c.owner = [][]Span{nil}, [][]int32{nil}
	}
	last := len(c.arena) - 1
	flat, own := c.arena[last], c.owner[last]
	if need := len(flat) + live; need > cap(flat) {
		size := max(need+need/8, int(float64(need)*c.expect)+need/64)
		flat = append(make([]Span, 0, size), flat...)
		own = append(make([]int32, 0, size), own...)
	}
	for k, o := range owners {
		if o >= 0 {
			flat = append(flat, spans[k])
			own = append(own, o)
		}
	}
	c.arena[last], c.owner[last] = flat, own
}

// joinInPlace puts the spans of the collector's one arena block in trace
// order by swapping them into place, and gives each trace its part of the
// block: no second copy of the spans, so no peak of twice their memory. It
// reports false, doing nothing, unless one nearly full block holds every
// small trace's spans.
func (c *Collector) joinInPlace() bool {
	if len(c.arena) != 1 || len(c.arena[0]) < cap(c.arena[0])*7/8 {
		return false // a block mostly empty is copied out, not kept
	}
	for i, n := range c.queued {
		if n > 0 && len(c.traces[i].Spans) > 0 {
			return false
		}
	}
	spans, owners := c.arena[0], c.owner[0]
	// Each span's place: its trace's run, in trace order, then the spans
	// moved out to big traces (blanks) at the end.
	next := make([]int32, len(c.traces))
	at := int32(0)
	for i, n := range c.queued {
		next[i] = at
		at += int32(n)
	}
	for k, o := range owners {
		if o >= 0 {
			owners[k], next[o] = next[o], next[o]+1
		} else {
			owners[k], at = at, at+1
		}
	}
	for k := range owners {
		for int(owners[k]) != k {
			j := owners[k]
			spans[k], spans[j] = spans[j], spans[k]
			owners[k], owners[j] = owners[j], owners[k]
		}
	}
	at = 0
	for i, n := range c.queued {
		if n > 0 {
			end := at + int32(n)
			c.traces[i].Spans = spans[at:end:end]
			at = end
		}
	}
	c.arena, c.owner = nil, nil
	clear(c.queued)
	return true
}
