package types

import "io"

// File is a file sent in a multipart/form-data request body, as its own
// part. Content is read while the request is sent: it is streamed, never
// held whole in memory. Content that tells its size (an *os.File, a
// *bytes.Reader, a *strings.Reader) gives the request its Content-Length;
// content that can be sought back to where it starts (an io.Seeker: those
// three) lets the request be retried, the file sent again from there.
// Other content (a pipe) is sent chunked, and never retried. The SDK does
// not close Content.
type File struct {
	// Name is the file name the server sees (the part's filename).
	Name string
	// ContentType is the part's Content-Type; "" sends the type the API
	// names for the field, else application/octet-stream.
	ContentType string
	// Content is the file's bytes, read to its end.
	Content io.Reader
}
