package tempo

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
		`{"traces":[{"traceID":"2f3e","rootServiceName":"s","rootTraceName":"n","startTimeUnixNano":"1","durationMs":5,"serviceStats":{"s":{"spanCount":2,"errorCount":1}}}]}`,
		`{"batches":[{"resource":{},"scopeSpans":[{"spans":[{"traceId":"AAAAAAAAAAAAAAAAAAAAAQ==","spanId":"AAAAAAAAAAE=","name":"x"}]}]}]}`,
	}, func(url string) (fuzzstore.Client, error) {
		return New(url, remote.Options{Timeout: 2 * time.Second}, "")
	})
}
