package receiver

import (
	"errors"
	"fmt"
	"io"
	"os"
	"sync"

	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/trace"
)

// Saver appends every accepted export to a file as one OTLP JSON line, the
// format `open`, `print` and the Collector's file exporter share: spans,
// and log records and metrics too (resourceLogs, resourceMetrics lines), so
// the file holds everything the exporters were told is kept. Each line
// is written with one write call before the client gets its 200, so the
// operating system has it even if tracetui is killed.
//
// A write that fails part-way (a full disk) is cut off again before the
// client gets its 503: a half line left in the file would swallow the next
// line, one the client was told is saved.
type Saver struct {
	mu   sync.Mutex
	f    saveFile
	size int64 // the file's length up to the end of its last whole line
	torn bool  // bytes past size a failed Truncate could not remove yet
	buf  []byte
	ptrs []*trace.Span
}

// saveFile is what a Saver needs of its file: an *os.File opened with
// O_APPEND (so that after a Truncate the next write lands at the new end),
// or in tests one whose disk fills up.
type saveFile interface {
	io.Writer
	Truncate(size int64) error
	Sync() error
	Close() error
}

// OpenSaver opens (appending to) path. A file an earlier run left ending in
// a half line (killed mid-write) gets a newline first, so that the half
// line stays on its own (a reader warns about it) instead of taking this
// run's first export with it.
func OpenSaver(path string) (*Saver, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	size := fi.Size()
	if size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			f.Close()
			return nil, err
		}
		if last[0] != '\n' {
			if _, err := f.Write([]byte{'\n'}); err != nil {
				f.Close()
				return nil, fmt.Errorf("%s ends in a half line and cannot be appended to: %w", path, err)
			}
			size++
		}
	}
	return newSaver(f, size), nil
}

// newSaver appends to f, which is size bytes long and ends with a newline.
func newSaver(f saveFile, size int64) *Saver { return &Saver{f: f, size: size} }

var errSaverClosed = errors.New("save file closed")

// Write appends one request line holding the traces' spans. On an error
// the file is as it was before the call (or, if even truncating fails, the
// next Write retries the truncation and fails until it succeeds), so every
// line a nil error acknowledged can be read back.
func (s *Saver) Write(traces []*trace.Trace) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ptrs = s.ptrs[:0]
	for _, t := range traces {
		for i := range t.Spans {
			s.ptrs = append(s.ptrs, &t.Spans[i])
		}
	}
	s.buf = append(otlpjson.AppendRequest(s.buf[:0], s.ptrs), '\n')
	return s.appendLine(s.buf)
}

// WriteLine appends line, one OTLP JSON export of logs or metrics holding
// no newline, as Write appends spans.
func (s *Saver) WriteLine(line []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf = append(append(s.buf[:0], line...), '\n')
	return s.appendLine(s.buf)
}

// appendLine writes b, a whole line, with s.mu held.
func (s *Saver) appendLine(b []byte) error {
	if s.f == nil {
		return errSaverClosed
	}
	if s.torn {
		if err := s.f.Truncate(s.size); err != nil {
			return fmt.Errorf("cannot remove the half line a failed write left: %w", err)
		}
		s.torn = false
	}
	n, err := s.f.Write(b)
	if err != nil {
		if n > 0 && s.f.Truncate(s.size) != nil {
			s.torn = true
		}
		return err
	}
	s.size += int64(n)
	return nil
}

// Close syncs and closes the file.
func (s *Saver) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return nil
	}
	err := s.f.Sync()
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	s.f = nil
	return err
}
