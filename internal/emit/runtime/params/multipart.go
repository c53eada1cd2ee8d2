package params

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
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
	pr, pw := io.Pipe()
	return &Multipart{write: write, mw: multipart.NewWriter(pw), pr: pr, pw: pw}
}

// ContentType is the body's Content-Type, with its boundary.
func (m *Multipart) ContentType() string { return m.mw.FormDataContentType() }

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

// Parts writes the parts of a Multipart body.
type Parts struct{ w *multipart.Writer }

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
