package main

import (
	"github.com/tracetui/tracetui/source/receiver"
	"github.com/tracetui/tracetui/trace"
)

// liveCache keeps the analysis of each live trace until the trace changes:
// when one trace of a thousand receives a span, only that one is built and
// analyzed again, so a redraw costs what changed, not what was received.
type liveCache struct {
	opt  trace.PipelineOptions
	seen map[trace.TraceID]liveEntry
}

type liveEntry struct {
	version uint64
	a       trace.Analyzed
}

func newLiveCache(opt trace.PipelineOptions) *liveCache {
	return &liveCache{opt: opt, seen: map[trace.TraceID]liveEntry{}}
}

// update returns every trace of the snapshot analyzed, earliest first, and
// how many had to be analyzed again. Evicted traces leave the cache.
func (c *liveCache) update(snap []receiver.Versioned) (out []trace.Analyzed, analyzed int) {
	next := make(map[trace.TraceID]liveEntry, len(snap))
	out = make([]trace.Analyzed, 0, len(snap))
	for _, v := range snap {
		e, ok := c.seen[v.Trace.ID]
		if !ok || e.version != v.Version {
			e = liveEntry{v.Version, trace.AnalyzeOne(v.Trace, c.opt)}
			analyzed++
		}
		next[v.Trace.ID] = e
		out = append(out, e.a)
	}
	c.seen = next
	trace.SortByStart(out)
	return out, analyzed
}
