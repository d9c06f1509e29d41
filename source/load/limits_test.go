package load

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/hostile"
	"github.com/tracetui/tracetui/source"
)

// gzipOf compresses n bytes of prefix + filler (+ suffix) without holding
// them: a bomb of a few hundred KB standing for tens of MB.
func gzipOf(prefix, filler string, n int, suffix string) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write([]byte(prefix))
	chunk := bytes.Repeat([]byte(filler), (1<<16)/len(filler))
	for k := 0; k < n; k += len(chunk) {
		zw.Write(chunk[:min(len(chunk), n-k)])
	}
	zw.Write([]byte(suffix))
	zw.Close()
	return b.Bytes()
}

// loadBounded loads in with a 1 MB value limit and returns the error and
// the bytes allocated meanwhile.
func loadBounded(t *testing.T, in []byte) (error, uint64) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := All([]Input{{Name: "bomb", Reader: bytes.NewReader(in)}}, Options{MaxValue: 1 << 20})
	runtime.ReadMemStats(&after)
	return err, after.TotalAlloc - before.TotalAlloc
}

// Memory while loading follows what the input holds, never a token's
// size, a claimed length or a gunzip ratio: each bomb fails with a
// positioned error naming the limit, having allocated a few times the
// limit, not the 48 MB it unpacks to.
func TestBombsFailWithinTheValueLimit(t *testing.T) {
	const big = 48 << 20
	framedClaim := make([]byte, 4, 4+big)
	binary.BigEndian.PutUint32(framedClaim, 16<<20-1) // the largest claim Sniff takes for a frame
	framedClaim = append(framedClaim, bytes.Repeat([]byte{0x0a, 0x00}, 1<<10)...)
	cases := map[string][]byte{
		"gzip of one endless string":        gzipOf(`{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":"`, "a", big, `"}}]}}]}`),
		"gzip of an endless escaped string": gzipOf(`{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":"`, `\\`, big, `"}}]}}]}`),
		"gzip of an endless number":         gzipOf(`{"resourceSpans":[{"scopeSpans":[{"spans":[{"startTimeUnixNano":1`, "1", big, `}]}]}]}`),
		"gzip of a bare protobuf field":     gzipOf("\x0a\x80\x80\x80\x18", "\x12\x00", big, ""),
		"framed protobuf claiming 16 MB":    framedClaim,
		"framed protobuf claiming 4 GiB":    append([]byte{0xff, 0xff, 0xff, 0xf0}, bytes.Repeat([]byte{0x0a, 0x00}, 1<<10)...),
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			err, alloc := loadBounded(t, in)
			if err == nil || !strings.Contains(err.Error(), "bomb") || !strings.Contains(err.Error(), "--max-value") {
				t.Errorf("error %v, want one naming the input and --max-value", err)
			}
			if alloc > 16<<20 {
				t.Errorf("allocated %d MB for a 1 MB value limit", alloc>>20)
			}
		})
	}
}

// Within the limit, a bare protobuf request is read one ResourceSpans at a
// time and loads whole.
func TestBareProtobufStreamsByResourceSpans(t *testing.T) {
	in := hostile.NestedProto(3)
	in = append(in, in...) // two ResourceSpans
	res, err := All([]Input{{Name: "two.pb", Reader: bytes.NewReader(in)}}, Options{})
	if err != nil || len(res.Traces) != 1 || len(res.Traces[0].Spans) != 2 {
		t.Fatalf("err %v, traces %v", err, res)
	}
	_, err = All([]Input{{Name: "cut.pb", Reader: io.LimitReader(bytes.NewReader(in), int64(len(in)-3))}}, Options{})
	var pe *source.ParseError
	if err == nil || !strings.Contains(err.Error(), "cut.pb") || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("cut request: %v (%T %v)", err, err, pe)
	}
}

// A corrupt gzip says so; it is not an "empty file".
func TestCorruptGzipSaysSo(t *testing.T) {
	_, err := All([]Input{{Name: "bad.gz", Reader: strings.NewReader("\x1f\x8b\x08\x00garbage")}}, Options{})
	if err == nil || !strings.Contains(err.Error(), "bad.gz") || !strings.Contains(err.Error(), "corrupt or truncated gzip") {
		t.Errorf("error %v, want one naming the file and the corrupt gzip", err)
	}
}
