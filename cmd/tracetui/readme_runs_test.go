package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/golden"
)

// The README's run diff compares testdata/runs/main.jsonl.gz with
// pr.jsonl.gz: a test suite's 16 checkouts before and after a change. They
// are written here from a fixed seed (-update rewrites them) so anyone
// can see how they were made; the test fails when the committed files are
// not what this code writes. In the PR the charge is slower, the stock
// reservation reads each item with its own query (an N+1) and sometimes
// times out; the cart is unchanged (its own samples, within noise).
func TestREADMERunFilesAreGenerated(t *testing.T) {
	for _, side := range []struct {
		name string
		pr   bool
	}{{"main", false}, {"pr", true}} {
		want := runFile(side.pr)
		path := repoFile("runs", side.name+".jsonl.gz")
		if golden.Updating() {
			var b bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			zw.Write(want)
			zw.Close()
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is not what runFile writes (go test ./cmd/tracetui -run README -update rewrites it)", path)
		}
	}
}

// runFile is one side's 16 checkouts as OTLP JSON lines, a trace a line.
func runFile(pr bool) []byte {
	seed := uint64(1)
	if pr {
		seed = 2
	}
	r := rand.New(rand.NewPCG(seed, 18))
	ms := func(mean float64) int64 { return int64(mean * (0.8 + 0.4*r.Float64()) * 1e6) } // ±20%
	var b strings.Builder
	base := int64(1_795_000_000_000_000_000) + int64(seed)*86_400e9 // the runs a day apart
	for k := range 16 {
		start := base + int64(k)*30e9
		tid := fmt.Sprintf("%s%024x", map[bool]string{false: "a1a1a1a1", true: "b2b2b2b2"}[pr], k+1)
		type span struct {
			svc, id, parent, name string
			start, end            int64
			status                string
		}
		var spans []span
		at := start + 2e6
		add := func(svc, parent, name string, d int64, status string) string {
			id := fmt.Sprintf("%016x", len(spans)+1)
			spans = append(spans, span{svc, id, parent, name, at, at + d, status})
			at += d + 1e6
			return id
		}
		root := add("checkout", "", "POST /checkout", 0, "")
		add("cart", root, "GET /v1/cart", ms(20), "")
		charge := ms(150)
		if pr {
			charge = ms(260)
		}
		pay := add("payment", root, "POST /v1/charges", charge, "")
		at = spans[len(spans)-1].start + 1e6
		add("payment", pay, "SELECT customer", ms(8), "")
		at = spans[len(spans)-2].end + 1e6
		reserveAt := at
		reserve := add("inventory", root, "POST /v1/reserve", ms(15), "")
		if pr {
			at = reserveAt + 1e6
			for range 6 {
				add("inventory", reserve, "SELECT stock", ms(4), "")
			}
			i := len(spans) - 7 // the reserve call spans its queries
			spans[i].end = at
			if k%5 == 2 {
				spans[i].status = `{"code":2,"message":"upstream timeout"}`
			}
		}
		spans[0].end = at + 3e6
		var rs []string
		for _, svc := range []string{"checkout", "cart", "payment", "inventory"} {
			var ss []string
			for _, s := range spans {
				if s.svc != svc {
					continue
				}
				parent, status := "", ""
				if s.parent != "" {
					parent = `,"parentSpanId":"` + s.parent + `"`
				}
				if s.status != "" {
					status = `,"status":` + s.status
				}
				ss = append(ss, fmt.Sprintf(`{"traceId":"%s","spanId":"%s"%s,"name":%q,"kind":2,"startTimeUnixNano":"%d","endTimeUnixNano":"%d"%s}`,
					tid, s.id, parent, s.name, s.start, s.end, status))
			}
			rs = append(rs, `{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"`+svc+`"}}]},"scopeSpans":[{"spans":[`+strings.Join(ss, ",")+`]}]}`)
		}
		b.WriteString(`{"resourceSpans":[` + strings.Join(rs, ",") + "]}\n")
	}
	return []byte(b.String())
}
