package receiver

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// An OTLP/HTTP JSON export with an attribute value of the wrong JSON type
// is answered 400 with the decoder's message — which attribute, where, and
// what it holds — as the Collector refuses it; nothing is stored. The rows
// are otlpjson's (testdata/wrongtype.txt there).
func TestWrongTypedAttributeIsA400NamingIt(t *testing.T) {
	b, err := os.ReadFile("../otlpjson/testdata/wrongtype.txt")
	if err != nil {
		t.Fatal(err)
	}
	r, st := start(t, Config{})
	u := "http://" + r.HTTPAddr() + "/v1/traces"
	head := `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"02","spanId":"01","name":"j","attributes":[{"key":"x","value":`
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		f := strings.Split(l, "\t")
		if strings.HasPrefix(l, "#") || len(f) != 5 {
			continue
		}
		n++
		body := head + f[0] + f[1] + f[2] + `}]}]}]}]}`
		code, _, resp := post(t, u, "POST", "application/json", []byte(body))
		var status struct{ Message string }
		json.Unmarshal(resp, &status)
		want := fmt.Sprintf("cannot decode application/json body: <input>:1: %s (byte %d): %s", f[3], len(head)+len(f[0]), f[4])
		if code != 400 || status.Message != want {
			t.Errorf("%s: %d %q\nwant 400 %q", body, code, status.Message, want)
		}
	}
	if n < 30 {
		t.Fatalf("only %d rows read", n)
	}
	if s := st.Stats(); s.Traces != 0 {
		t.Errorf("%d traces stored from refused exports", s.Traces)
	}
}

// What the receiver keeps with a warning, it says in partialSuccess: a
// value of an unknown kind (JSON), a field of the wrong wire type (protobuf).
func TestSkippedAttributeValuesAreNamedInPartialSuccess(t *testing.T) {
	r, _ := start(t, Config{})
	u := "http://" + r.HTTPAddr() + "/v1/traces"
	kv := protowire.AppendString(protowire.AppendTag(nil, 1, protowire.BytesType), "x")
	kv = protowire.AppendBytes(protowire.AppendTag(kv, 2, protowire.BytesType),
		protowire.AppendString(protowire.AppendTag(nil, 3, protowire.BytesType), "12"))
	span := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType), []byte("0123456789abcdef"))
	span = protowire.AppendBytes(protowire.AppendTag(span, 9, protowire.BytesType), kv)
	pb := protowire.AppendBytes(protowire.AppendTag(nil, 1, protowire.BytesType),
		protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType),
			protowire.AppendBytes(protowire.AppendTag(nil, 2, protowire.BytesType), span)))
	cases := []struct{ ct, body, want string }{
		{"application/json", `{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"02","spanId":"01","attributes":[{"key":"x","value":{"foo":1}}]}]}]}]}`,
			`attribute "x": value of an unknown kind ("foo"), kept empty`},
		{"application/x-protobuf", string(pb), `attribute "x": int_value has wire type 2 (length-delimited), not 0 (varint); skipped as an unknown field`},
	}
	for _, c := range cases {
		code, _, resp := post(t, u, "POST", c.ct, []byte(c.body))
		if c.ct == "application/json" {
			var reply struct{ PartialSuccess struct{ ErrorMessage string } }
			json.Unmarshal(resp, &reply)
			if code != 200 || reply.PartialSuccess.ErrorMessage != c.want {
				t.Errorf("%s: %d %q, want 200 %q", c.ct, code, resp, c.want)
			}
		} else if code != 200 || !strings.Contains(string(resp), c.want) {
			t.Errorf("%s: %d %q, want 200 with %q", c.ct, code, resp, c.want)
		}
	}
}
