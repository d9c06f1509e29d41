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
