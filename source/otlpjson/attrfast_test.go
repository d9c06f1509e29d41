package otlpjson

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/internal/tracegen"
	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// Attributes in the compact form are read by attrFast, the same document
// indented by readKeyValue: both must give the same spans, warnings and
// errors, whatever the attributes hold.
func TestCompactAttributesReadAsIndented(t *testing.T) {
	attrs := []string{
		`{"key":"http.method","value":{"stringValue":"GET"}}`,
		`{"key":"n","value":{"intValue":"123456789012345678"}}`,    // 18 digits: fast
		`{"key":"big","value":{"intValue":"1234567890123456789"}}`, // 19: general
		`{"key":"neg","value":{"intValue":"-5"}}`,
		`{"key":"bare","value":{"intValue":42}}`,
		`{"key":"lead","value":{"intValue":"007"}}`,
		`{"key":"ok","value":{"boolValue":true}}`,
		`{"key":"no","value":{"bool_value":false}}`,
		`{"key":"snake","value":{"string_value":"x"}}`,
		`{"key":"d","value":{"doubleValue":1.5}}`,
		`{"key":"esc\u0041ped","value":{"stringValue":"a\nb"}}`,
		`{"key":"bad","value":{"stringValue":"` + "\xff\xfe ok" + `"}}`,
		"{\"key\":\"bad\xffkey\",\"value\":{\"stringValue\":\"v\"}}",
		`{"key":"empty","value":{"stringValue":""}}`,
		`{"key":"","value":{"stringValue":"no key"}}`,
		`{"value":{"stringValue":"first"},"key":"late"}`,
		`{"key":"nul","value":null}`,
		`{"key":"novalue"}`,
		`{"key":"arr","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":"1"}]}}}`,
		`{"key":"http.method","value":{"stringValue":"GET"},"extra":1}`,
	}
	span := `{"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","name":"s","attributes":[` + strings.Join(attrs, ",") + `]}`
	doc := request(span + "," + strings.Replace(span, "eee19b7ec3c1b174", "eee19b7ec3c1b175", 1))
	sameAsIndented(t, doc)
}

// A generated batch larger than the decoder's buffer: attributes cut by
// the buffer's end take the general path mid-list.
func TestCompactAttributesAcrossBuffers(t *testing.T) {
	var buf bytes.Buffer
	tracegen.WriteJSONLines(&buf, tracegen.Config{Spans: 3000, Traces: 3, Seed: 7})
	sameAsIndented(t, buf.String())
}

func sameAsIndented(t *testing.T, doc string) {
	t.Helper()
	var pretty bytes.Buffer
	for _, line := range strings.Split(strings.TrimSpace(doc), "\n") {
		if err := json.Indent(&pretty, []byte(line), "", "  "); err != nil {
			t.Fatal(err)
		}
		pretty.WriteByte('\n')
	}
	fast, fastWs, fastErr := decodeAll(doc)
	slow, slowWs, slowErr := decodeAll(pretty.String())
	if fastErr != nil || slowErr != nil {
		t.Fatalf("errors: compact %v, indented %v", fastErr, slowErr)
	}
	if len(fast) == 0 || !sameAttrs(fast, slow) {
		t.Fatalf("compact and indented documents decode differently:\n%v\n%v", fast, slow)
	}
	if len(fastWs) != len(slowWs) {
		t.Fatalf("warnings differ: %v / %v", fastWs, slowWs)
	}
}

func decodeAll(in string) ([][]trace.Attr, []source.Warning, error) {
	c := trace.NewCollector()
	var ws source.Warnings
	err := Decode(strings.NewReader(in), c, &ws)
	var out [][]trace.Attr
	for _, tr := range c.Traces() {
		for _, s := range tr.Spans {
			out = append(out, s.Attrs)
		}
	}
	return out, ws.List(), err
}

// sameAttrs compares spans' attributes by value (trace.Value holds a
// pointer: two decodes intern equal strings apart).
func sameAttrs(a, b [][]trace.Attr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if !a[i][j].Equal(&b[i][j]) {
				return false
			}
		}
	}
	return true
}
