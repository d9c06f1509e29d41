package load

import (
	"bytes"
	"io"
	"math"
	"os"
	"runtime"
	"sync"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// Variables so tests can cut small files.
var (
	// parallelMin is the smallest file decoded on more than one core:
	// below it, starting workers costs more than it saves.
	parallelMin int64 = 16 << 20
	// blockSize is how much of a file one worker decodes at a time; a
	// block ends at a line boundary, so it is a little shorter.
	blockSize = 8 << 20
	// maxBlock bounds a block that has no boundary in it (one huge line):
	// past it the rest of the file goes to one worker, streamed.
	maxBlock = 64 << 20
)

// block is one piece of a JSON lines file: whole lines, in a reused
// buffer, or (for a line too long to buffer) the rest of the file.
type block struct {
	seq  int
	off  int64
	data []byte
	tail io.Reader // set instead of data for the rest of the file
	size int64

	c    *trace.Collector
	side signals
	ok   bool
}

// decodeParallel decodes a JSON lines file of OTLP traces on every core:
// the file is cut into blocks at line boundaries, each decoded into a
// collector of its own, and the blocks are merged in file order, so the
// traces and their spans come out in the order one pass gives. It reports
// ok=false, having added nothing to c, when the file is not plain OTLP
// JSON lines or any block needs a warning or fails: the caller then decodes
// it in one pass, which words every warning and error as it always has.
func decodeParallel(f *os.File, size int64, c *trace.Collector, maxValue int64, side *signals, progress func(bytes int64, spans int)) (ok bool) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || size < parallelMin || maxValue < 1<<20 {
		return false
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return false
	}
	head := make([]byte, sniffSize)
	n, _ := f.ReadAt(head, 0)
	head = head[:n]
	if n == 0 || head[0] != '{' || Detect(head, size) != FormatOTLPJSON {
		return false
	}

	pace := newPacer(size)
	defer pace.stop()
	free := make(chan []byte, workers+1)
	for range workers + 1 {
		free <- nil
	}
	todo := make(chan *block, workers)
	done := make(chan *block, workers)
	stop := make(chan struct{})
	go cut(f, size, free, todo, stop)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			in := source.NewInterner()
			for b := range todo {
				decodeBlock(b, maxValue, in)
				if b.data != nil {
					free <- b.data[:0]
					b.data = nil
				}
				done <- b
			}
		})
	}
	go func() { wg.Wait(); close(done) }()

	// Merge in file order. After a failed block the rest are drained, so
	// no goroutine is left blocked.
	part := trace.NewCollector()
	var got signals
	waiting := map[int]*block{}
	next, failed := 0, false
	for b := range done {
		waiting[b.seq] = b
		for b := waiting[next]; b != nil; b = waiting[next] {
			delete(waiting, next)
			next++
			if failed {
				continue
			}
			if !b.ok {
				failed = true
				close(stop)
				continue
			}
			part.Expect(float64(size) / float64(b.off+b.size))
			part.Merge(b.c)
			pace.update(b.off + b.size)
			got.logs = append(got.logs, b.side.logs...)
			got.logExports += b.side.logExports
			got.metricExports += b.side.metricExports
			if progress != nil {
				progress(b.off+b.size, c.SpanCount()+part.SpanCount())
			}
		}
	}
	if failed {
		return false
	}
	c.Merge(part)
	side.logs = append(side.logs, got.logs...)
	side.logExports += got.logExports
	side.metricExports += got.metricExports
	return true
}

// decodeBlock decodes one block as the one-pass decoder would decode those
// lines; b.ok is false when that raised a warning or an error.
func decodeBlock(b *block, maxValue int64, in *source.Interner) {
	r := b.tail
	if b.data != nil {
		r = bytes.NewReader(b.data)
	}
	var ws source.Warnings
	b.c = trace.NewCollector()
	lines := newSignalLines(source.LimitValues(r, maxValue), maxValue, &b.side, &ws)
	err := otlpjson.DecodeInterned(lines, b.c, &ws, in)
	if err != nil && !lines.content && b.side.logExports+b.side.metricExports > 0 {
		err = nil // only logs or metrics lines: no spans, said by the caller
	}
	b.ok = err == nil && len(ws.List()) == 0
}

// cut reads f into blocks of whole lines for the workers, ending each at
// the last line boundary in it; the last block, or one whose line does not
// end within maxBlock, is handed over as a reader of the rest of the file.
func cut(f *os.File, size int64, free chan []byte, todo chan<- *block, stop <-chan struct{}) {
	defer close(todo)
	off := int64(0)
	for seq := 0; ; seq++ {
		var buf []byte
		select {
		case buf = <-free:
		case <-stop:
			return
		}
		b := &block{seq: seq, off: off}
		want, have := blockSize, 0
		for {
			if size-off <= int64(want) || want > maxBlock {
				break
			}
			if cap(buf) < want {
				buf = append(buf[:have], make([]byte, want-have)...)
			}
			buf = buf[:want]
			if n, err := f.ReadAt(buf[have:], off+int64(have)); err != nil || n < want-have {
				break // the file changed under us: stream the rest
			}
			have = want
			if p := boundary(buf); p > 0 {
				b.data, b.size = buf[:p], int64(p)
				break
			}
			want *= 2
		}
		if b.data == nil {
			free <- buf[:0]
			b.tail = io.NewSectionReader(f, off, math.MaxInt64-off)
			b.size = size - off
		}
		select {
		case todo <- b:
		case <-stop:
			return
		}
		if b.tail != nil {
			return
		}
		off += b.size
	}
}

// boundary is the offset of the last line in buf that starts a new
// top-level JSON value: a '{' opening a line whose previous line ended
// with '}'. In valid JSON a '}' followed by '{' only ever separates two
// top-level values, so a pretty-printed document is never cut. The run
// between the quotes either side must be short, so the --max-value check
// sees the same runs of bytes with no string boundary as in one pass.
func boundary(buf []byte) int {
	for end := len(buf); end > 0; {
		i := bytes.LastIndex(buf[:end], []byte("\n{"))
		if i < 0 {
			return 0
		}
		end = i
		j := i
		for j > 0 && (buf[j] == '\n' || buf[j] == '\r' || buf[j] == ' ' || buf[j] == '\t') {
			j--
		}
		if buf[j] != '}' {
			continue
		}
		q0 := bytes.LastIndexByte(buf[:j], '"')
		q1 := bytes.IndexByte(buf[i+1:], '"')
		if q0 < 0 || q1 < 0 || i+1+q1-q0 > 64 {
			continue
		}
		return i + 1
	}
	return 0
}
