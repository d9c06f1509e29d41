package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FormatStoreError is a trace store's error answer saved to a file (a
// curl of a trace that was not there): not traces, and said to be what it
// is, as Jaeger v1's envelope already says "Jaeger error 404: …".
const FormatStoreError Format = "trace store error"

// maxQuoted is how much of a store's own words an error quotes.
const maxQuoted = 200

// storeErrorJSON words a JSON error answer: grpc-gateway's (Jaeger api/v3)
// {"error":{"httpCode":404,"message":"No traces found"}}, or the
// {"status":404,"error":"Not Found","message":…,"path":…} of an HTTP
// framework (Zipkin's older Spring server). The head holds all of it: such
// answers are small.
func storeErrorJSON(head []byte) error {
	var v struct {
		Error   json.RawMessage `json:"error"`
		Status  any             `json:"status"`
		Message string          `json:"message"`
		Path    string          `json:"path"`
	}
	_ = json.Unmarshal(head, &v) // a cut-off head leaves fields empty
	var gw struct {
		HTTPCode int    `json:"httpCode"`
		Message  string `json:"message"`
	}
	if json.Unmarshal(v.Error, &gw) == nil && (gw.HTTPCode != 0 || gw.Message != "") {
		return fmt.Errorf("Jaeger api/v3 error %d: %s (a saved error answer, not traces)", gw.HTTPCode, quoted(gw.Message))
	}
	var reason string
	if json.Unmarshal(v.Error, &reason) == nil && reason != "" {
		who := "HTTP"
		if strings.HasPrefix(v.Path, "/api/v2/trace") {
			who = "Zipkin"
		}
		msg := fmt.Sprintf("%s error %v %s", who, v.Status, quoted(reason))
		if v.Status == nil {
			msg = who + " error " + quoted(reason)
		}
		if v.Message != "" {
			msg += ": " + quoted(v.Message)
		}
		if v.Path != "" {
			msg += " (" + quoted(v.Path) + ")"
		}
		return errors.New(msg + " (a saved error answer, not traces)")
	}
	return fmt.Errorf("a saved error answer, not traces: %s", quoted(string(head)))
}

// zipkinNotFound is Zipkin's answer for a trace it does not have.
var zipkinNotFound = regexp.MustCompile(`^[0-9a-fA-F]{16,32} not found$`)

// storeErrorText words a short text answer, the shape Tempo and Zipkin
// give their errors in; nil when head is not short text.
func storeErrorText(head []byte, size int64) error {
	text := strings.TrimSpace(string(head))
	if (size < 0 && len(head) >= sniffSize) || len(text) > 4<<10 || !isText(text) {
		return nil
	}
	lower := strings.ToLower(text)
	switch {
	case strings.HasPrefix(lower, "<!doctype html") || strings.HasPrefix(lower, "<html"):
		return errors.New("an HTML page, not traces (a login or proxy error page saved in place of a store's answer?)")
	case lower == "404 page not found":
		return errors.New(`a "404 page not found" answer, not traces: the URL it was saved from is not a trace store's API`)
	case lower == "trace not found":
		return errors.New("Tempo error: trace not found (a saved error answer, not traces)")
	case zipkinNotFound.MatchString(text):
		return fmt.Errorf("Zipkin error: %s (a saved error answer, not traces)", text)
	}
	return fmt.Errorf("not a trace file: text, %q (a store's error answer saved to a file?)", quoted(text))
}

func isText(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// quoted is a store's words cut to maxQuoted bytes on a rune boundary and
// put on one line (the error printer sanitizes what is left).
func quoted(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= maxQuoted {
		return s
	}
	cut := maxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
