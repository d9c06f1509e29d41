package receiver

import (
	"math/bits"
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
	free    [][]byte         // idle chunks, counted in held
	flats   map[int][][]byte // idle contiguous buffers by size class, counted in held
	held    int64            // chunks and contiguous buffers that exist
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
	// No idle chunk: idle contiguous buffers are given up before a
	// request is refused.
	for a.held+int64(a.size) > a.max && a.dropOne() {
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

// flat returns a contiguous buffer of n bytes (see body.Bytes) counted
// against the budget, handing idle memory to the collector to make room
// if it must; ok=false when the budget has none. Buffers come in size
// classes (powers of two from 64 KiB) and are recycled like chunks, so
// steady traffic makes no garbage here either.
func (a *arena) flat(n int) (b []byte, ok bool) {
	class := max(1<<bits.Len(uint(n-1)), 64<<10)
	a.mu.Lock()
	defer a.mu.Unlock()
	a.lastUse = time.Now()
	if idle := a.flats[class]; len(idle) > 0 {
		b = idle[len(idle)-1]
		a.flats[class] = idle[:len(idle)-1]
		return b[:n], true
	}
	for a.held+int64(class) > a.max && a.dropOne() {
	}
	if a.held+int64(class) > a.max {
		return nil, false
	}
	a.held += int64(class)
	return make([]byte, n, class), true
}

// putFlat gives a buffer from flat back.
func (a *arena) putFlat(b []byte) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.flats == nil {
		a.flats = map[int][][]byte{}
	}
	a.flats[cap(b)] = append(a.flats[cap(b)], b[:0])
	if a.trimmer == nil {
		a.trimmer = time.AfterFunc(a.trimAfter, a.trim)
	}
}

// dropOne leaves one idle buffer, the biggest, to the collector; false
// when none is idle.
func (a *arena) dropOne() bool {
	class := 0
	for c, idle := range a.flats {
		if len(idle) > 0 && c > class {
			class = c
		}
	}
	if class > 0 {
		idle := a.flats[class]
		idle[len(idle)-1] = nil
		a.flats[class] = idle[:len(idle)-1]
		a.held -= int64(class)
		return true
	}
	if len(a.free) > 0 {
		a.dropIdle(len(a.free) - 1)
		return true
	}
	return false
}

// trim drops idle chunks beyond keepIdle, and idle contiguous buffers,
// once no request asked for memory for trimAfter.
func (a *arena) trim() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if wait := a.trimAfter - time.Since(a.lastUse); wait > 0 {
		a.trimmer.Reset(wait)
		return
	}
	a.trimmer = nil
	a.dropIdle(keepIdle / a.size)
	for class, idle := range a.flats {
		a.held -= int64(class * len(idle))
		delete(a.flats, class)
	}
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
