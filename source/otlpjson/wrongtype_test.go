package otlpjson

import (
	"errors"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/tracetui/tracetui/source"
	"github.com/tracetui/tracetui/trace"
)

// wrongType is one row of testdata/wrongtype.txt: an AnyValue whose bad
// part is Bad, and the error that names it.
type wrongType struct{ Before, Bad, After, Where, Msg string }

func wrongTypes(t testing.TB) []wrongType {
	t.Helper()
	b, err := os.ReadFile("testdata/wrongtype.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []wrongType
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 5 {
			t.Fatalf("bad row %q", l)
		}
		out = append(out, wrongType{f[0], f[1], f[2], f[3], f[4]})
	}
	return out
}

// Each wrong-typed value is refused with its attribute and byte, whether
// the attribute is written compactly (the form attrFast matches, when the
// value is right), with the spacing of a pretty printer, or between
// compact attributes that take the fast path.
func TestWrongJSONTypeIsRefusedWithKeyAndPosition(t *testing.T) {
	forms := map[string][2]string{ // the attribute around its value
		"compact":         {`{"key":"x","value":`, `}`},
		"spaced":          {"{\n  \"key\" : \"x\",\n  \"value\" :  ", "\n}"},
		"among fast ones": {`{"key":"a","value":{"stringValue":"b"}},{"key":"x","value":`, `},{"key":"c","value":{"intValue":"1"}}`},
	}
	for _, c := range wrongTypes(t) {
		for form, around := range forms {
			head, tail := around[0], around[1]
			before := c.Before
			if form == "spaced" {
				before = strings.ReplaceAll(before, `":`, `" : `)
			}
			upToBad := `{"traceId":"01","spanId":"02","attributes":[` + head + before
			in := request(upToBad + c.Bad + c.After + tail + `]}`)
			off := strings.Index(request("\x00"), "\x00") + len(upToBad)
			_, _, err := decode(t, in)
			var pe *source.ParseError
			if !errors.As(err, &pe) {
				t.Errorf("%s %s%s%s: %v, want a ParseError", form, c.Before, c.Bad, c.After, err)
				continue
			}
			line := 1 + strings.Count(in[:off], "\n")
			want := fmt.Sprintf("<input>:%d: %s (byte %d): %s", line, c.Where, off, c.Msg)
			if pe.Error() != want || pe.Offset != int64(off) {
				t.Errorf("%s %s%s%s:\n got %s (offset %d)\nwant %s", form, c.Before, c.Bad, c.After, pe, pe.Offset, want)
			}
		}
	}
}

func TestWrongTypeInALogBodyNamesTheBody(t *testing.T) {
	in := `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":{"boolValue":"no"}}]}]}]}`
	_, err := DecodeLogs(strings.NewReader(in), &source.Warnings{})
	want := fmt.Sprintf(`<input>:1: body (byte %d): boolValue holds a string ("no"), not true/false`, strings.Index(in, `"no"`))
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}

func TestAttributeKeyOfTheWrongTypeIsRefused(t *testing.T) {
	in := request(`{"traceId":"01","spanId":"02","attributes":[{"key":5,"value":{"stringValue":"a"}}]}`)
	_, _, err := decode(t, in)
	want := fmt.Sprintf(`<input>:1: attribute (byte %d): its key holds a number (5), not a string`, strings.Index(in, `5,"value"`))
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	in = request(`{"traceId":"01","spanId":"02","attributes":[{"value":{"boolValue":"y"},"key":"late"}]}`)
	if _, _, err := decode(t, in); err == nil || !strings.Contains(err.Error(), "attribute (its key after its value)") {
		t.Errorf("value before key: %v", err)
	}
}

// A bad line of JSON lines stays a warning; the other lines load.
func TestWrongTypeOnOneJSONLineIsAWarning(t *testing.T) {
	good := func(id string) string { return request(`{"traceId":"` + id + `","spanId":"02"}`) }
	bad := request(`{"traceId":"0b","spanId":"02","attributes":[{"key":"x","value":{"boolValue":"yes"}}]}`)
	c, ws, err := decode(t, good("0a")+"\n"+bad+"\n"+good("0c")+"\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Traces()) != 2 {
		t.Errorf("%d traces loaded, want the 2 good lines", len(c.Traces()))
	}
	if len(ws) != 1 || ws[0].Line != 2 || !strings.Contains(ws[0].Message, `attribute "x" (byte `) ||
		!strings.Contains(ws[0].Message, `boolValue holds a string ("yes"), not true/false (rest of line skipped)`) {
		t.Errorf("warnings = %+v", ws)
	}
}

// What protojson takes is still read: quoted and unquoted numbers, the
// special doubles, null as an unset field, base64 bytes.
func TestValuesProtojsonAcceptsStillRead(t *testing.T) {
	in := request(`{"traceId":"01","spanId":"02","attributes":[
		{"key":"i1","value":{"intValue":5}},{"key":"i2","value":{"intValue":"-5"}},{"key":"i3","value":{"intValue":"1e3"}},
		{"key":"d1","value":{"doubleValue":1.5}},{"key":"d2","value":{"doubleValue":"2.5"}},{"key":"d3","value":{"doubleValue":"-Infinity"}},
		{"key":"d4","value":{"doubleValue":"NaN"}},{"key":"b","value":{"boolValue":false}},{"key":"y","value":{"bytesValue":"AQI="}},
		{"key":"n1","value":{"boolValue":null}},{"key":"n2","value":{"stringValue":null}},{"key":"n3","value":{"arrayValue":null}},
		{"key":"n4","value":null},{"key":"n5","value":{"doubleValue":null}},{"key":"n6","value":{"bytesValue":null}}]}`)
	c, ws, err := decode(t, in)
	if err != nil || len(ws) != 0 {
		t.Fatal(err, ws)
	}
	s := only(t, c)
	v := func(k string) trace.Value { x, _ := trace.Lookup(s.Attrs, k); return x }
	if v("i1").Int() != 5 || v("i2").Int() != -5 || v("i3").Int() != 1000 || v("d1").Double() != 1.5 || v("d2").Double() != 2.5 ||
		!math.IsInf(v("d3").Double(), -1) || !math.IsNaN(v("d4").Double()) || v("b").Kind() != trace.ValueBool || v("b").Bool() ||
		string(v("y").Bytes()) != "\x01\x02" {
		t.Errorf("attributes = %v", s.Attrs)
	}
	for _, k := range []string{"n1", "n2", "n3", "n4", "n5", "n6"} {
		if v(k).Kind() != trace.ValueEmpty {
			t.Errorf("%s: null read as %v, want an unset value", k, v(k))
		}
	}
}

// Unknown fields are skipped (OTLP receivers must ignore them); a value
// that held nothing else is kept empty with a warning naming it.
func TestValueOfAnUnknownKindIsKeptEmptyWithAWarning(t *testing.T) {
	in := request(`{"traceId":"01","spanId":"02","attributes":[{"key":"x","value":{"foo":1}},
		{"key":"y","value":{"foo":1,"stringValue":"b"}},{"key":"z","value":{"arrayValue":{"values":[{"newKind":{}}]}}}]}`)
	c, ws, err := decode(t, in)
	if err != nil {
		t.Fatal(err)
	}
	s := only(t, c)
	if x, _ := trace.Lookup(s.Attrs, "x"); x.Kind() != trace.ValueEmpty {
		t.Errorf("x = %v", x)
	}
	if y, _ := trace.Lookup(s.Attrs, "y"); y.Str() != "b" {
		t.Errorf("y = %v", y)
	}
	var msgs []string
	for _, w := range ws {
		msgs = append(msgs, w.Message)
	}
	want := []string{`attribute "x": value of an unknown kind ("foo"), kept empty`,
		`attribute "z": a value inside it of an unknown kind ("newKind"), kept empty`}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
}
