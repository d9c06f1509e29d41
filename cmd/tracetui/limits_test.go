package main

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A gzip bomb of one endless string fails fast with exit 3, naming the file
// and the flag that moves the limit; --max-value takes sizes in words.
func TestMaxValueBoundsAFileAndSaysSo(t *testing.T) {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write([]byte(`{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":"`))
	zw.Write(bytes.Repeat([]byte("a"), 8<<20))
	zw.Write([]byte(`"}}]}}]}`))
	zw.Close()
	bomb := filepath.Join(t.TempDir(), "bomb.json.gz")
	os.WriteFile(bomb, b.Bytes(), 0o644)

	r := runCLI(t, nil, false, "list", "--max-value", "2MB", bomb)
	if r.code != 3 || !strings.Contains(r.stderr, "bomb.json.gz") || !strings.Contains(r.stderr, "--max-value") {
		t.Errorf("exit %d, stderr %q; want 3 naming the file and --max-value", r.code, r.stderr)
	}
	r = runCLI(t, nil, false, "list", "--max-value", "16MB", bomb)
	if r.code != 3 || strings.Contains(r.stderr, "--max-value") || !strings.Contains(r.stderr, "no spans") {
		t.Errorf("under a raised limit the value loads (and the file has no spans): exit %d, %q", r.code, r.stderr)
	}
	if r := runCLI(t, nil, false, "list", "--max-value", "lots", bomb); r.code != 2 || !strings.Contains(r.stderr, "64MB") {
		t.Errorf("bad size: exit %d, %q", r.code, r.stderr)
	}
}
