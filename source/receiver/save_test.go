package receiver

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/source/otlpjson"
	"github.com/tracetui/tracetui/source/otlpproto"
	"github.com/tracetui/tracetui/trace"
)

// fullDisk is a file on a disk with room for only so many more bytes: a
// write past it writes what fits and fails with ENOSPC, as write(2) does.
type fullDisk struct {
	mu   sync.Mutex // the test frees room while the receiver writes
	f    *os.File
	room int64
}

func (d *fullDisk) Write(b []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fits := min(int64(len(b)), d.room)
	n, err := d.f.Write(b[:fits])
	d.room -= int64(n)
	if err == nil && n < len(b) {
		err = &fs.PathError{Op: "write", Path: d.f.Name(), Err: syscall.ENOSPC}
	}
	return n, err
}

func (d *fullDisk) Truncate(size int64) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	fi, err := d.f.Stat()
	if err != nil {
		return err
	}
	if err := d.f.Truncate(size); err != nil {
		return err
	}
	d.room += fi.Size() - size
	return nil
}

func (d *fullDisk) free(n int64) { d.mu.Lock(); d.room += n; d.mu.Unlock() }
func (d *fullDisk) Sync() error  { return d.f.Sync() }
func (d *fullDisk) Close() error { return d.f.Close() }

// A full disk answers 503 and leaves nothing behind: once there is room
// again, every export that got a 200 reads back from the file, none lost
// to a half line the failed one left.
func TestFullDiskLosesNoAcknowledgedExport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.jsonl")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	line := int64(len(otlpLine(t, tree(1))))
	disk := &fullDisk{f: f, room: 2*line + line/2} // two exports and half of a third
	r, _ := start(t, Config{Save: newSaver(disk, 0)})
	url := "http://" + r.HTTPAddr() + "/v1/traces"

	acked := map[trace.TraceID]bool{}
	var answers []int
	for k := byte(1); k <= 8; k++ {
		if k == 5 {
			disk.free(100 * line) // the user makes room; the receiver never stopped
		}
		code, _, body := post(t, url, "POST", ctJSON, otlpLine(t, tree(k)))
		answers = append(answers, code)
		switch code {
		case 200:
			acked[trace.TraceID{15: k}] = true
		case 503:
			if !bytes.Contains(body, []byte("no space left on device")) {
				t.Errorf("export %d: the 503 does not say why: %s", k, body)
			}
		default:
			t.Errorf("export %d: %d %s, want 200 or 503", k, code, body)
		}
	}
	if fmt.Sprint(answers) != "[200 200 503 503 200 200 200 200]" {
		t.Errorf("answers %v, want two 200s, 503s while the disk is full, 200s after", answers)
	}

	c := trace.NewCollector()
	var ws source.Warnings
	saved, _ := os.ReadFile(path)
	if err := otlpjson.Decode(bytes.NewReader(saved), c, &ws); err != nil {
		t.Fatalf("the saved file does not decode: %v", err)
	}
	for _, w := range ws.List() {
		t.Errorf("reading the saved file: %s", w.Message)
	}
	got := map[trace.TraceID]bool{}
	for _, tr := range c.Traces() {
		got[tr.ID] = true
		if len(tr.Spans) != 3 {
			t.Errorf("trace %s: %d spans read back, 3 were acknowledged", tr.ID, len(tr.Spans))
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(acked) {
		t.Errorf("read back traces %v, acknowledged %v", got, acked)
	}
}

// otlpLine is a protobuf export as the OTLP JSON line --save writes for it.
func otlpLine(t *testing.T, pb []byte) []byte {
	t.Helper()
	c := trace.NewCollector()
	if err := otlpproto.Decode(pb, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	var spans []*trace.Span
	for _, tr := range c.Traces() {
		for i := range tr.Spans {
			spans = append(spans, &tr.Spans[i])
		}
	}
	return append(otlpjson.AppendRequest(nil, spans), '\n')
}

// A file an earlier run left mid-line (killed during a write) does not
// swallow this run's first export.
func TestSaveAfterAHalfLineFromAnEarlierRun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.jsonl")
	first := otlpLine(t, tree(1))
	os.WriteFile(path, append(first, otlpLine(t, tree(2))[:40]...), 0o644)
	sv, err := OpenSaver(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sv.Write(decodeTraces(t, tree(3))); err != nil {
		t.Fatal(err)
	}
	sv.Close()
	c := trace.NewCollector()
	f, _ := os.Open(path)
	defer f.Close()
	if err := otlpjson.Decode(f, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	if n := c.SpanCount(); n != 6 {
		t.Errorf("read back %d spans, want the 3 of the whole earlier line and the 3 written now", n)
	}
}

// When even the truncation fails, the next export is refused (503) until
// the half line is gone, rather than acknowledged and lost.
func TestSaveRefusesWhileAHalfLineRemains(t *testing.T) {
	f, err := os.OpenFile(filepath.Join(t.TempDir(), "saved.jsonl"), os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	disk := &stuckDisk{fullDisk: fullDisk{f: f, room: 10}, failTruncates: 2}
	sv := newSaver(disk, 0)
	defer sv.Close()
	for k, want := range []string{"no space", "cannot remove the half line", ""} {
		err := sv.Write(decodeTraces(t, tree(byte(k+1))))
		if want == "" && err != nil || want != "" && (err == nil || !bytes.Contains([]byte(err.Error()), []byte(want))) {
			t.Errorf("write %d: %v, want %q", k+1, err, want)
		}
		disk.free(1 << 20) // room after the first write failed
	}
	saved, _ := os.ReadFile(f.Name())
	if want := otlpLine(t, tree(3)); !bytes.Equal(saved, want) {
		t.Errorf("file holds %q, want only the acknowledged line", saved)
	}
}

// stuckDisk is a full disk whose first truncations fail too.
type stuckDisk struct {
	fullDisk
	failTruncates int
}

func (d *stuckDisk) Truncate(size int64) error {
	if d.failTruncates > 0 {
		d.failTruncates--
		return &fs.PathError{Op: "truncate", Path: d.f.Name(), Err: syscall.EIO}
	}
	return d.fullDisk.Truncate(size)
}

func decodeTraces(t *testing.T, pb []byte) []*trace.Trace {
	t.Helper()
	c := trace.NewCollector()
	if err := otlpproto.Decode(pb, c, &source.Warnings{}); err != nil {
		t.Fatal(err)
	}
	return c.Traces()
}
