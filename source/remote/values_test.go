package remote

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/tracetui/tracetui/source"
)

// allocated is the bytes allocated while fn runs.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// One value bigger than --max-value, or padding as long, stops the answer
// there with an error naming the store and the flag, as it does for files:
// reading does not go on to --max-response, and the decoder never buffers
// more than the value limit.
func TestAnswersStopAtOneValueOverMaxValue(t *testing.T) {
	for name, srv := range map[string]*httptest.Server{
		"endless string": endless(t, `{"result":{"resourceSpans":[{"resource":{"attributes":[{"key":"k","value":{"stringValue":"`, "a", 64<<20),
		"padding":        endless(t, `{"result":`, " ", 64<<20),
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := New("Jaeger", srv.URL, Options{MaxValue: 1 << 20})
			resp, err := c.Get(context.Background(), "/api/v3/traces/1", nil, "")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Close()
			var read int64
			alloc := allocated(func() {
				err = resp.Decode(c, func(r io.Reader) error {
					cr := &countReader{r: r}
					defer func() { read = cr.n }()
					dec := jsontext.NewDecoder(cr)
					for {
						if _, err := dec.ReadToken(); err != nil {
							return err
						}
					}
				})
			})
			var vt *ValueTooLargeError
			if !errors.As(err, &vt) || !errors.Is(err, source.ErrValueTooBig) {
				t.Fatalf("err %v, want a ValueTooLargeError", err)
			}
			want := "Jaeger at " + srv.URL + " sent more than 1MB of JSON with no string boundary (one huge value, or padding) for GET /api/v3/traces/1; stopped reading (--max-value 1MB"
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q, want %q", err, want)
			}
			if read > 2<<20 {
				t.Errorf("read %d MB of the answer for a 1 MB value limit", read>>20)
			}
			if alloc > 16<<20 {
				t.Errorf("allocated %d MB for a 1 MB value limit", alloc>>20)
			}
		})
	}
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// A big answer of ordinary values (a search over many traces) is decoded
// as it streams in: memory follows what is kept, not the answer's size
// (encoding/json's Decoder buffered the whole answer first, doubling).
func TestDecodeJSONStreams(t *testing.T) {
	const items = 32 << 10
	junk := strings.Repeat("x", 1000)
	// The answer is made before measuring: TotalAlloc counts every goroutine,
	// so a server formatting it meanwhile would be counted as the client's.
	var answer strings.Builder
	answer.WriteString(`{"summaries":[`)
	for k := range items {
		if k > 0 {
			answer.WriteString(",")
		}
		fmt.Fprintf(&answer, `{"traceId":"%d","Junk":"%s","more":[1,2,{"a":"b"}]}`, k, junk)
	}
	answer.WriteString(`]}`)
	answerBytes := []byte(answer.String())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(answerBytes)
	}))
	defer srv.Close()
	c, _ := New("Jaeger", srv.URL, Options{})
	resp, err := c.Get(context.Background(), "/api/v3/trace-summaries", nil, "")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Close()
	var body struct {
		Summaries []struct {
			TraceID string `json:"traceId"`
		} `json:"summaries"`
	}
	alloc := allocated(func() { err = resp.DecodeJSON(c, &body) })
	if err != nil || len(body.Summaries) != items || body.Summaries[items-1].TraceID != fmt.Sprint(items-1) {
		t.Fatalf("err %v, %d summaries", err, len(body.Summaries))
	}
	if alloc > 12<<20 {
		t.Errorf("allocated %d MB decoding a %d MB answer to keep %d short IDs", alloc>>20, items*1040>>20, items)
	}
}
