package load

import (
	"runtime/debug"
	"runtime/metrics"
)

// pacer paces the garbage collector while a file of known size loads. The
// model grows from nothing to about the file's size and nearly all of it
// stays, so collecting every time the heap grows by a quarter (GOGC=25)
// marks the same spans over and over: about five times the final heap in
// all. Instead the heap may first grow to a share of the file's size (no
// collection for most of the load), and after each collection to a
// quarter above what survived, as GOGC=25 would, or less near the end
// (see update). It sets GOGC for that, not a memory limit: a limit makes
// the runtime hand freed pages back to the OS and fault them in again,
// which cost more system time than the collections it saved.
type pacer struct {
	size      int64
	base      int64
	gcPercent int
	cycles    uint64
	samples   []metrics.Sample
}

// newPacer starts pacing a load of size bytes; stop must be called.
func newPacer(size int64) *pacer {
	p := &pacer{size: size, base: size*7/10 + 32<<20}
	p.samples = []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}}
	p.gcPercent = debug.SetGCPercent(100)
	if p.gcPercent < 0 {
		debug.SetGCPercent(p.gcPercent) // GOGC=off: the user's choice
		return nil
	}
	metrics.Read(p.samples)
	p.cycles = p.samples[0].Value.Uint64()
	p.aim(p.base)
	return p
}

// aim sets GOGC so that the next collection comes when the heap reaches
// target bytes.
func (p *pacer) aim(target int64) {
	live := max(int64(p.samples[1].Value.Uint64()), 4<<20)
	debug.SetGCPercent(int(max(10, min((target-live)*100/live, 1_000_000))))
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
	// would let the heap pass the file's size for no gain, so the goal
	// is also held to 5% over the model projected from the bytes read.
	live := int64(p.samples[1].Value.Uint64())
	target := live + live/4
	if read > 0 {
		target = min(target, int64(float64(live)*float64(p.size)/float64(read)*1.05))
	}
	p.aim(max(p.base, target+32<<20))
}

// stop restores the collector's setting.
func (p *pacer) stop() {
	if p != nil {
		debug.SetGCPercent(p.gcPercent)
	}
}
