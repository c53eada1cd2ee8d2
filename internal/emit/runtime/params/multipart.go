package params

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"strings"
	"sync"
)

// Multipart is a multipart/form-data request body written while it is
// read: its parts, files included, stream to the server through a pipe and
// are never held whole in memory. The parts are written by a goroutine
// started on the first Read; Close (the HTTP transport closes a request's
// body) stops it. A body that is never read starts nothing.
type Multipart struct {
	write func(*Parts) error
	mw    *multipart.Writer
	pr    *io.PipeReader
	pw    *io.PipeWriter
	once  sync.Once
}

// NewMultipart returns the body whose parts write writes, in order.
func NewMultipart(write func(*Parts) error) *Multipart {
	return newMultipart(write, "")
}

func newMultipart(write func(*Parts) error, boundary string) *Multipart {
	pr, pw := io.Pipe()
	m := &Multipart{write: write, mw: multipart.NewWriter(pw), pr: pr, pw: pw}
	if boundary != "" {
		m.mw.SetBoundary(boundary) // a boundary of its own making: valid
	}
	return m
}

// ContentType is the body's Content-Type, with its boundary.
func (m *Multipart) ContentType() string { return m.mw.FormDataContentType() }

// Attach sets what req can know of the body before sending it. When every
// file's content tells its size (a *bytes.Reader, *strings.Reader,
// *bytes.Buffer, *os.File or other io.Seeker), req gets the body's
// Content-Length (else it is sent chunked). When every file's content can
// be read again from where it starts (an io.Seeker), req gets a GetBody,
// so that the request may be retried; else it never is.
func (m *Multipart) Attach(req *http.Request) {
	starts := map[io.Seeker]int64{}
	var n counter
	measure := &Parts{w: multipart.NewWriter(&n), sizes: true, count: &n, starts: starts, seekable: true}
	measure.w.SetBoundary(m.mw.Boundary())
	if err := m.write(measure); err != nil {
		return // unsized: sent chunked, and its error met while sending
	}
	if err := measure.w.Close(); err != nil {
		return
	}
	req.ContentLength = int64(n)
	if !measure.seekable {
		return
	}
	boundary := m.mw.Boundary()
	req.GetBody = func() (io.ReadCloser, error) {
		for r, at := range starts {
			if _, err := r.Seek(at, io.SeekStart); err != nil {
				return nil, err
			}
		}
		return newMultipart(m.write, boundary), nil
	}
}

// counter counts the bytes written to it.
type counter int64

func (c *counter) Write(p []byte) (int, error) {
	*c += counter(len(p))
	return len(p), nil
}

// errUnsized ends a measure: a file's content does not tell its size.
var errUnsized = errors.New("a file of unknown size")

// size is how many bytes r will yield, and whether it can tell: without
// reading it. A seeker's start is recorded in starts (to read it again).
func size(r io.Reader, starts map[io.Seeker]int64) (n int64, ok, seekable bool) {
	if s, isSeeker := r.(io.Seeker); isSeeker {
		at, err := s.Seek(0, io.SeekCurrent)
		if err != nil {
			return 0, false, false
		}
		end, err := s.Seek(0, io.SeekEnd)
		if err != nil {
			return 0, false, false
		}
		if _, err := s.Seek(at, io.SeekStart); err != nil {
			return 0, false, false
		}
		starts[s] = at
		return end - at, true, true
	}
	if l, isLen := r.(interface{ Len() int }); isLen {
		return int64(l.Len()), true, false
	}
	return 0, false, false
}

// Read reads the body; an error writing a part (a file that fails to
// read) is the error of the Read that meets it.
func (m *Multipart) Read(p []byte) (int, error) {
	m.once.Do(func() { go m.run() })
	return m.pr.Read(p)
}

func (m *Multipart) run() {
	err := m.write(&Parts{w: m.mw})
	if err == nil {
		err = m.mw.Close()
	}
	m.pw.CloseWithError(err) // nil: the reader sees io.EOF
}

// Close ends the body: a part still being written fails, and its goroutine
// ends.
func (m *Multipart) Close() error {
	m.once.Do(func() {}) // a body closed unread never starts writing
	return m.pr.Close()
}

// Parts writes the parts of a Multipart body. Measuring it (sizes), a
// file's bytes are counted, not read.
type Parts struct {
	w        *multipart.Writer
	sizes    bool
	count    *counter
	starts   map[io.Seeker]int64
	seekable bool
}

// File writes a file part named name: its file name, its content type
// (application/octet-stream when ""), and content, copied as it is read.
// headers are more part headers, as name, value pairs.
func (p *Parts) File(name, fileName, contentType string, content io.Reader, headers ...string) error {
	if content == nil {
		return fmt.Errorf("part %s: the file has no Content", name)
	}
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	w, err := p.create(name, fileName, true, contentType, headers)
	if err != nil {
		return err
	}
	if p.sizes {
		n, ok, seekable := size(content, p.starts)
		if !ok {
			return errUnsized
		}
		p.seekable = p.seekable && seekable
		*p.count += counter(n)
		return nil
	}
	if _, err := io.Copy(w, content); err != nil {
		return fmt.Errorf("part %s: reading the file: %w", name, err)
	}
	return nil
}

// Value writes v, a property reduced to a parameter value: a scalar as a
// text part (with contentType, if not ""), a list of scalars as one part
// per item, a null as nothing; anything else (an object) as orig's JSON.
func (p *Parts) Value(name, contentType string, v Value, orig any, headers ...string) error {
	if err := v.Err(); err != nil {
		return fmt.Errorf("part %s: %w", name, err)
	}
	switch v.kind {
	case kindNull:
		return nil
	case kindScalar:
		return p.Text(name, contentType, v.text, headers...)
	case kindList:
		for _, it := range v.items {
			if it.kind != kindScalar {
				return p.JSON(name, "", orig, headers...)
			}
		}
		for _, it := range v.items {
			if err := p.Text(name, contentType, it.text, headers...); err != nil {
				return err
			}
		}
		return nil
	}
	return p.JSON(name, "", orig, headers...)
}

// Text writes a text part: no Content-Type header when contentType is ""
// (text/plain, the default of a form part).
func (p *Parts) Text(name, contentType, text string, headers ...string) error {
	w, err := p.create(name, "", false, contentType, headers)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, text)
	return err
}

// JSON writes v as a JSON part (contentType application/json when "").
func (p *Parts) JSON(name, contentType string, v any, headers ...string) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("part %s: %w", name, err)
	}
	if contentType == "" {
		contentType = "application/json"
	}
	w, err := p.create(name, "", false, contentType, headers)
	if err != nil {
		return err
	}
	_, err = w.Write(data)
	return err
}

// create starts a part. Names are quoted as browsers do (a quote, CR and
// LF percent-encoded), so no value can end the header early.
func (p *Parts) create(name, fileName string, file bool, contentType string, headers []string) (io.Writer, error) {
	if strings.ContainsAny(contentType, "\r\n") {
		return nil, fmt.Errorf("part %s: %w", name, errContentType)
	}
	disposition := `form-data; name="` + quote(name) + `"`
	if file {
		disposition += `; filename="` + quote(fileName) + `"`
	}
	h := textproto.MIMEHeader{"Content-Disposition": {disposition}}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if strings.ContainsAny(headers[i]+headers[i+1], "\r\n") {
			return nil, fmt.Errorf("part %s: header %q: %w", name, headers[i], errHeader)
		}
		h.Add(headers[i], headers[i+1])
	}
	return p.w.CreatePart(h)
}

var (
	errContentType = errors.New("a content type holds a line break")
	errHeader      = errors.New("a header holds a line break")
)

var quoter = strings.NewReplacer(`"`, "%22", "\r", "%0D", "\n", "%0A")

func quote(s string) string { return quoter.Replace(s) }
