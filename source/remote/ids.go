package remote

import (
	"fmt"
	"strings"
)

// HexTraceID normalises a trace ID typed by a user or sent by a store to
// 32 lowercase hex digits: stores trim leading zeros, 64-bit IDs are 16.
func HexTraceID(id string) (string, error) {
	s := strings.ToLower(strings.TrimSpace(id))
	if s == "" || len(s) > 32 || strings.Trim(s, "0123456789abcdef") != "" {
		return "", fmt.Errorf("%q is not a trace ID (1 to 32 hex digits)", Snippet([]byte(id)))
	}
	return strings.Repeat("0", 32-len(s)) + s, nil
}
