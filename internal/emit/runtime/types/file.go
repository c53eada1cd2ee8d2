package types

import "io"

// File is a file sent in a multipart/form-data request body, as its own
// part. Content is read once, while the request is sent: it is streamed,
// never held whole in memory, and a request carrying it is not retried
// (it cannot be read again). The SDK does not close Content.
type File struct {
	// Name is the file name the server sees (the part's filename).
	Name string
	// ContentType is the part's Content-Type; "" sends the type the API
	// names for the field, else application/octet-stream.
	ContentType string
	// Content is the file's bytes, read to its end.
	Content io.Reader
}
