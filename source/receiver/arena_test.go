package receiver

import (
	"testing"
	"time"
)

// The arena never holds more than its budget, reuses what it holds, and
// gives back what a burst left idle once nothing asks for memory.
func TestArenaHoldsItsBudgetAndTrimsAfterABurst(t *testing.T) {
	a := newArena(16 << 20)
	a.trimAfter = 50 * time.Millisecond
	var taken [][]byte
	for {
		c, ok := a.chunk()
		if !ok {
			break
		}
		taken = append(taken, c)
	}
	if got := int64(len(taken) * a.size); got != 16<<20 || a.held != got {
		t.Fatalf("took %d bytes, held %d, of a 16 MiB budget", got, a.held)
	}
	a.put(taken)
	// Idle chunks are handed out again, not allocated anew.
	c, ok := a.chunk()
	if !ok || &c[0] != &taken[len(taken)-1][0] || a.held != 16<<20 {
		t.Errorf("after the burst: ok %v, held %d; want an idle chunk back", ok, a.held)
	}
	a.put([][]byte{c})
	deadline := time.Now().Add(5 * time.Second)
	for {
		a.mu.Lock()
		held := a.held
		a.mu.Unlock()
		if held <= keepIdle {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("still holding %d bytes after the burst, want at most %d", held, keepIdle)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A protobuf body longer than a chunk is made contiguous in a buffer that
// counts against the same budget and is reused by the next such body.
func TestArenaFlatBuffersShareTheBudget(t *testing.T) {
	a := newArena(1 << 20)
	b, ok := a.flat(100 << 10)
	if !ok || len(b) != 100<<10 || a.held != 128<<10 {
		t.Fatalf("ok %v, len %d, held %d: want 100 KiB in a 128 KiB buffer counted", ok, len(b), a.held)
	}
	a.putFlat(b)
	if again, _ := a.flat(90 << 10); &again[0] != &b[0] || a.held != 128<<10 {
		t.Errorf("the idle buffer was not reused (held %d)", a.held)
	} else {
		a.putFlat(again)
	}
	// Chunks in use take the whole budget: the idle buffer is given up
	// for them, and then there is no room for another.
	var n int
	for ; ; n++ {
		if _, ok := a.chunk(); !ok {
			break
		}
	}
	if n*a.size != 1<<20 || a.held != 1<<20 {
		t.Errorf("took %d KiB of chunks (held %d) in a 1 MiB budget with 128 KiB idle", n*a.size>>10, a.held)
	}
	if _, ok := a.flat(64 << 10); ok {
		t.Error("a contiguous buffer was handed out past the budget")
	}
}
