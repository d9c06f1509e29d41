package zipkin

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
		`[[{"traceId":"a1","id":"b1","name":"x","timestamp":1,"duration":2,"localEndpoint":{"serviceName":"s"}}]]`,
		`{"message":"not found"}`,
	}, func(url string) (fuzzstore.Client, error) { return New(url, remote.Options{Timeout: 2 * time.Second}) })
}
