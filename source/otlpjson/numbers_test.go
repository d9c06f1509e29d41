package otlpjson

import (
	"strings"
	"testing"

	"github.com/tracetui/tracetui/trace"
)

// An intValue an int64 cannot hold is kept as sent, typed as what it is,
// with a warning that names the line; it is never wrapped or truncated.
func TestIntValuesBeyondInt64KeepTheirValue(t *testing.T) {
	cases := []struct {
		raw      string
		kind     trace.ValueKind
		text     string // AsString of the kept value
		warnWord string // "" when nothing was changed
	}{
		{`"42"`, trace.ValueInt, "42", ""},
		{`-9223372036854775808`, trace.ValueInt, "-9223372036854775808", ""},
		{`3.0`, trace.ValueInt, "3", ""},
		{`"99999999999999999999"`, trace.ValueString, "99999999999999999999", "int64 range"},
		{`9223372036854775808`, trace.ValueString, "9223372036854775808", "int64 range"},
		{`1e19`, trace.ValueDouble, "1e+19", "not an int64"},
		{`1.5e+300`, trace.ValueDouble, "1.5e+300", "not an int64"},
		{`3.7`, trace.ValueDouble, "3.7", "not an int64"},
		{`"-2.5"`, trace.ValueDouble, "-2.5", "not an int64"},
		{`1e400`, trace.ValueString, "1e400", "double ranges"},
	}
	for _, c := range cases {
		t.Run(c.raw, func(t *testing.T) {
			in := "\n" + request(`{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","name":"x",
				"attributes":[{"key":"n","value":{"intValue":`+c.raw+`}}]}`)
			col, ws, err := decode(t, in)
			if err != nil {
				t.Fatal(err)
			}
			v, ok := trace.Lookup(only(t, col).Attrs, "n")
			if !ok || v.Kind() != c.kind || v.AsString() != c.text {
				t.Errorf("kept %v %q, want %v %q", v.Kind(), v.AsString(), c.kind, c.text)
			}
			switch {
			case c.warnWord == "" && len(ws) > 0:
				t.Errorf("exact value warned: %v", ws)
			case c.warnWord != "" && (len(ws) != 1 || !strings.Contains(ws[0].Message, c.warnWord) || ws[0].Line != 3):
				t.Errorf("warnings %+v, want one on line 3 (the attribute's) saying %q", ws, c.warnWord)
			}
		})
	}
}

// Timestamps out of range are bad input, never a wrapped time.
func TestTimestampOutOfRangeIsAnError(t *testing.T) {
	for _, ts := range []string{`"99999999999999999999"`, `"18446744073709551616"`, `1e300`, `1e308`, `"9223372036854775808"`,
		`"-1700000000000000000"`, `-1e18`, `"-5"`} {
		_, _, err := decode(t, request(`{"traceId":"0102030405060708090a0b0c0d0e0f10","spanId":"0102030405060708","startTimeUnixNano":`+ts+`}`))
		if err == nil || !strings.Contains(err.Error(), "out of range") {
			t.Errorf("startTimeUnixNano %s: %v, want an out-of-range error", ts, err)
		}
	}
}
