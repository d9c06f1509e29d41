package query

import "strings"

// fieldKind is what a comparison reads from a span.
type fieldKind uint8

const (
	fAttr          fieldKind = iota // an attribute; scope says where
	fName                           // the span's name
	fStatus                         // error, ok, unset
	fStatusMessage                  // the status description
	fKind                           // server, client, …
	fDuration                       // end - start
	fSpanID                         // the span ID in hex
	fTraceID                        // the trace ID in hex
	fRootName                       // the root span's name
	fRootService                    // the root span's service.name
	fTraceDuration                  // the trace's extent
	fEventName                      // any event's name
	fLinkTraceID                    // any link's trace ID
	fLinkSpanID                     // any link's span ID
)

// scope is where an attribute is looked up.
type scope uint8

const (
	scopeAny      scope = iota // .x: the span's, else its resource's
	scopeSpan                  // span.x
	scopeResource              // resource.x
	scopeEvent                 // event.x: any event's
	scopeLink                  // link.x: any link's
	scopeInst                  // instrumentation.x: the instrumentation scope's
)

// valueType is what a field holds, for checking the value it is compared
// with while parsing rather than matching nothing at run time.
type valueType uint8

const (
	vtAny valueType = iota // attributes: whatever the span recorded
	vtString
	vtDuration
	vtStatus
	vtKind
)

type intrinsic struct {
	kind fieldKind
	typ  valueType
}

// intrinsics are TraceQL's intrinsic fields by every spelling TraceQL
// accepts: the scoped forms (span:name, trace:rootService) and the older
// colon-less ones (name, rootServiceName).
var intrinsics = map[string]intrinsic{
	"name": {fName, vtString}, "span:name": {fName, vtString},
	"status": {fStatus, vtStatus}, "span:status": {fStatus, vtStatus},
	"statusMessage": {fStatusMessage, vtString}, "span:statusMessage": {fStatusMessage, vtString},
	"kind": {fKind, vtKind}, "span:kind": {fKind, vtKind},
	"duration": {fDuration, vtDuration}, "span:duration": {fDuration, vtDuration},
	"span:id": {fSpanID, vtString}, "trace:id": {fTraceID, vtString},
	"rootName": {fRootName, vtString}, "trace:rootName": {fRootName, vtString},
	"rootServiceName": {fRootService, vtString}, "trace:rootService": {fRootService, vtString},
	"traceDuration": {fTraceDuration, vtDuration}, "trace:duration": {fTraceDuration, vtDuration},
	"event:name":   {fEventName, vtString},
	"link:traceID": {fLinkTraceID, vtString}, "link:spanID": {fLinkSpanID, vtString},
}

var scopes = map[string]scope{
	"span": scopeSpan, "resource": scopeResource, "event": scopeEvent, "link": scopeLink, "instrumentation": scopeInst,
}

// field is the left side of a comparison.
type field struct {
	kind  fieldKind
	scope scope
	key   string // attribute key
	typ   valueType
	text  string // as written, for messages
}

// fieldOf resolves an identifier token to a field; ok is false for a word
// that is neither an intrinsic nor an attribute path.
func fieldOf(t token) (field, bool) {
	if in, ok := intrinsics[t.text]; ok && !strings.Contains(t.raw, `"`) {
		return field{kind: in.kind, typ: in.typ, text: t.raw}, true
	}
	if key, ok := strings.CutPrefix(t.text, "."); ok && key != "" {
		return field{kind: fAttr, scope: scopeAny, key: key, text: t.raw}, true
	}
	if sc, key, ok := strings.Cut(t.text, "."); ok && key != "" {
		if s, ok := scopes[sc]; ok {
			return field{kind: fAttr, scope: s, key: key, text: t.raw}, true
		}
	}
	return field{}, false
}

// fieldHelp is what an unknown field's error lists.
const fieldHelp = "use span.x, resource.x or .x for an attribute, or an intrinsic: name, status, statusMessage, kind, duration, " +
	"span:id, trace:id, rootName, rootServiceName, traceDuration, event:name, link:traceID"

func (f field) isID() bool {
	return f.kind == fSpanID || f.kind == fTraceID || f.kind == fLinkTraceID || f.kind == fLinkSpanID
}
