package jaeger

import (
	"testing"
	"time"

	"github.com/tracetui/tracetui/internal/fuzzstore"
	"github.com/tracetui/tracetui/source/remote"
)

// FuzzAnswers: whatever the store answers to a search or a fetch, the
// client returns traces or an error; it never panics or hangs.
func FuzzAnswers(f *testing.F) {
	fuzzstore.Answers(f, []string{
		`{"data":[{"traceID":"a1","spans":[{"traceID":"a1","spanID":"b1","operationName":"x","startTime":1,"duration":2,"processID":"p1"}],"processes":{"p1":{"serviceName":"s"}}}]}`,
		`{"result":{"resourceSpans":[]}}`,
	}, func(url string) (fuzzstore.Client, error) { return New(url, remote.Options{Timeout: 2 * time.Second}) })
}
