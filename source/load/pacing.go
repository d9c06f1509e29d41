package load

import (
	"math"
	"runtime/debug"
	"runtime/metrics"
)

// pacer paces the garbage collector while a file of known size loads. The
// model grows from nothing to about the file's size and nearly all of it
// stays, so collecting every time the heap grows by a quarter (GOGC=25)
// marks the same spans over and over: about five times the final heap in
// all. Instead the collector waits for a memory limit: a share of the
// file's size at first (no collection at all for most of the load), then,
// after each collection, a quarter above what survived it, as GOGC=25
// would, or less near the end (see update): the limit never sits under
// the live heap, so the collector never runs back to back.
type pacer struct {
	size      int64
	base      int64
	gcPercent int
	limit     int64
	cycles    uint64
	samples   []metrics.Sample
}

// newPacer starts pacing a load of size bytes; stop must be called. A
// limit the user set (GOMEMLIMIT) is left alone: nil, no pacing.
func newPacer(size int64) *pacer {
	if debug.SetMemoryLimit(-1) != math.MaxInt64 {
		return nil
	}
	p := &pacer{size: size, base: size*7/10 + 32<<20}
	p.samples = []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(p.samples)
	p.cycles = p.samples[0].Value.Uint64()
	p.gcPercent = debug.SetGCPercent(-1)
	p.limit = debug.SetMemoryLimit(p.base)
	return p
}

// update is called with the bytes merged so far, now and then.
func (p *pacer) update(read int64) {
	if p == nil {
		return
	}
	metrics.Read(p.samples)
	if c := p.samples[0].Value.Uint64(); c == p.cycles {
		return
	} else {
		p.cycles = c
	}
	// Near the end, what survived is most of the model: a quarter more
	// would let the heap pass the file's size for no gain, so the limit
	// is also held to 5% over the model projected from the bytes read.
	live := int64(p.samples[1].Value.Uint64())
	limit := live + live/4
	if read > 0 {
		limit = min(limit, int64(float64(live)*float64(p.size)/float64(read)*1.05))
	}
	debug.SetMemoryLimit(max(p.base, limit+32<<20))
}

// stop restores the collector's settings.
func (p *pacer) stop() {
	if p == nil {
		return
	}
	debug.SetGCPercent(p.gcPercent)
	debug.SetMemoryLimit(p.limit)
}
