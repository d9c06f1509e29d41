package receiver

import (
	"sync"
	"time"
)

// arena is the memory HTTP bodies are read into: fixed-size chunks that are
// recycled, never grown, and counted, idle ones included, against one
// budget (Config.MaxBuffered). Growing one contiguous buffer per request
// (bytes.Buffer) held up to three times its bytes while it doubled, kept up
// to 4 MB per request in a sync.Pool outside the budget, and left each
// gzip bomb's buffer to the collector, so thirty bombs took 775 MB for a
// 128 MiB budget. Chunks of one size are always reusable by the next
// request, so a storm of bombs reuses the same memory instead of making
// garbage, and the heap for bodies stays within the budget.
type arena struct {
	size      int   // bytes per chunk
	max       int64 // the budget
	trimAfter time.Duration

	mu      sync.Mutex
	free    [][]byte // idle chunks, counted in held
	held    int64    // chunks that exist plus contiguous copies in use
	lastUse time.Time
	trimmer *time.Timer
}

// Idle chunks are kept for the next burst, down to keepIdle bytes once
// nothing has asked for memory for idleTrim: a burst of big exports must
// not pin its memory for the rest of the run.
const (
	keepIdle = 1 << 20
	idleTrim = 10 * time.Second
)

// newArena sizes chunks for the budget: 32 KiB (a few hundred spans; a
// client trickling its body holds one), smaller when the budget is so
// small that a few chunks would spend it.
func newArena(budget int64) *arena {
	size := int64(32 << 10)
	size = min(size, max(budget/16, 256))
	return &arena{size: int(size), max: budget, trimAfter: idleTrim}
}

// chunk returns an idle chunk, or a new one while the budget has room;
// ok=false when every byte of the budget is in use.
func (a *arena) chunk() (c []byte, ok bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lastUse = time.Now()
	if n := len(a.free); n > 0 {
		c = a.free[n-1]
		a.free[n-1] = nil
		a.free = a.free[:n-1]
		return c, true
	}
	if a.held+int64(a.size) > a.max {
		return nil, false
	}
	a.held += int64(a.size)
	return make([]byte, a.size), true
}

// put gives chunks back for the next request.
func (a *arena) put(chunks [][]byte) {
	if len(chunks) == 0 {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	a.free = append(a.free, chunks...)
	if a.trimmer == nil && len(a.free)*a.size > keepIdle {
		a.trimmer = time.AfterFunc(a.trimAfter, a.trim)
	}
}

// reserve counts n bytes of a contiguous copy (see body.Bytes) against the
// budget, handing idle chunks to the collector to make room if it must.
func (a *arena) reserve(n int64) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for a.held+n > a.max && len(a.free) > 0 {
		a.dropIdle(len(a.free) - 1)
	}
	if a.held+n > a.max {
		return false
	}
	a.held += n
	return true
}

func (a *arena) unreserve(n int64) {
	a.mu.Lock()
	a.held -= n
	a.mu.Unlock()
}

// trim drops idle chunks beyond keepIdle once no request asked for memory
// for trimAfter.
func (a *arena) trim() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if wait := a.trimAfter - time.Since(a.lastUse); wait > 0 {
		a.trimmer.Reset(wait)
		return
	}
	a.trimmer = nil
	a.dropIdle(keepIdle / a.size)
}

// dropIdle keeps the first keep idle chunks and leaves the rest to the
// collector.
func (a *arena) dropIdle(keep int) {
	if keep >= len(a.free) {
		return
	}
	a.held -= int64((len(a.free) - keep) * a.size)
	clear(a.free[keep:])
	a.free = a.free[:keep]
}
