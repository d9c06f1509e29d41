// Package load opens trace inputs (files, stdin), undoes gzip, detects the
// format from the content (never the file name) and hands the bytes to the
// right decoder. Spans of one trace ID from any number of inputs end up in
// one trace.
package load
