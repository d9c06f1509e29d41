package main

import (
	"bytes"
	"io"
	"os"
	"runtime/debug"
)

// uncollectedBytes is the most input (plain files, bytes) the explorer
// loads with the garbage collector off. Loading a 77 MB file of 100,000
// spans collected twice, and while it marks every span copied into the
// merged trace pays a write barrier: together ~15% of the load's CPU, on
// the way to the first frame. Off, the heap peaks at about twice the
// file instead of ~1.5×: 100–150 MB more at this bound, and nothing
// on bigger inputs, where the loader's pacing keeps the peak near the
// model's size.
const uncollectedBytes = 128 << 20

// plainInputBytes is the total size of args when every one is a regular
// file that is not gzip (compressed, its size says little of the model's),
// else -1.
func plainInputBytes(args []string) int64 {
	total := int64(0)
	for _, a := range args {
		f, err := os.Open(a)
		if err != nil {
			return -1
		}
		st, err := f.Stat()
		head := make([]byte, 2)
		_, rerr := io.ReadFull(f, head)
		f.Close()
		if err != nil || rerr != nil || !st.Mode().IsRegular() || bytes.Equal(head, []byte{0x1f, 0x8b}) {
			return -1
		}
		total += st.Size()
	}
	if len(args) == 0 {
		return -1
	}
	return total
}

// uncollected turns the collector off for a load of size bytes (-1:
// unknown) up to uncollectedBytes; the returned func restores it.
func uncollected(size int64) (restore func()) {
	if size < 0 || size > uncollectedBytes {
		return func() {}
	}
	old := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(old) }
}
