package params

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestMultipart(t *testing.T) {
	m := NewMultipart(func(p *Parts) error {
		if err := p.File("f", "a.txt", "", strings.NewReader("file")); err != nil {
			return err
		}
		if err := p.Value("n", "", List([]int64{1, 2}, Int), nil); err != nil {
			return err
		}
		if err := p.Value("o", "", Object().With("a", String("b")), map[string]string{"a": "b"}); err != nil {
			return err
		}
		return p.Value("z", "", Null(), nil)
	})
	_, ps, err := mime.ParseMediaType(m.ContentType())
	if err != nil {
		t.Fatal(err)
	}
	r := multipart.NewReader(m, ps["boundary"])
	var got []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(p)
		got = append(got, p.FormName()+"|"+p.FileName()+"|"+p.Header.Get("Content-Type")+"|"+string(data))
	}
	want := []string{"f|a.txt|application/octet-stream|file", "n|||1", "n|||2", `o||application/json|{"a":"b"}`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("parts:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestMultipartError(t *testing.T) {
	boom := errors.New("boom")
	m := NewMultipart(func(p *Parts) error { return boom })
	if _, err := io.ReadAll(m); !errors.Is(err, boom) {
		t.Errorf("err %v", err)
	}
}

// A body closed unread starts no goroutine; one closed mid-write stops its.
func TestMultipartClose(t *testing.T) {
	before := runtime.NumGoroutine()
	started := false
	m := NewMultipart(func(p *Parts) error { started = true; return nil })
	m.Close()
	if _, err := m.Read(make([]byte, 1)); err == nil || started {
		t.Errorf("read after close: err %v, started %v", err, started)
	}
	endless := NewMultipart(func(p *Parts) error {
		return p.File("f", "x", "", eternal{})
	})
	endless.Read(make([]byte, 10))
	endless.Close()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines left", n-before)
	}
}

type eternal struct{}

func (eternal) Read(b []byte) (int, error) { return len(b), nil }

// Attach: files that tell their size give the body its length; seekable
// ones a GetBody that sends the same bytes again.
func TestMultipartAttach(t *testing.T) {
	file := strings.NewReader("file bytes")
	write := func(p *Parts) error {
		if err := p.File("f", "a.txt", "", file); err != nil {
			return err
		}
		return p.JSON("j", "", map[string]int{"n": 1})
	}
	m := NewMultipart(write)
	req, _ := http.NewRequest("POST", "http://x", m)
	m.Attach(req)
	first, err := io.ReadAll(m)
	if err != nil {
		t.Fatal(err)
	}
	if req.ContentLength != int64(len(first)) || req.GetBody == nil {
		t.Fatalf("length %d of %d bytes, GetBody %v", req.ContentLength, len(first), req.GetBody != nil)
	}
	again, err := req.GetBody()
	if err != nil {
		t.Fatal(err)
	}
	second, _ := io.ReadAll(again)
	if string(second) != string(first) {
		t.Errorf("replayed:\n%q\nfirst:\n%q", second, first)
	}
	// A stream: no length, no replay.
	s := NewMultipart(func(p *Parts) error { return p.File("f", "a", "", io.MultiReader(strings.NewReader("x"))) })
	req, _ = http.NewRequest("POST", "http://x", s)
	s.Attach(req)
	if req.ContentLength != 0 || req.GetBody != nil {
		t.Errorf("stream: length %d, GetBody %v", req.ContentLength, req.GetBody != nil)
	}
	// A buffer tells its size but cannot be read again.
	b := NewMultipart(func(p *Parts) error { return p.File("f", "a", "", bytes.NewBufferString("xyz")) })
	req, _ = http.NewRequest("POST", "http://x", b)
	b.Attach(req)
	data, _ := io.ReadAll(b)
	if req.ContentLength != int64(len(data)) || req.GetBody != nil {
		t.Errorf("buffer: length %d of %d, GetBody %v", req.ContentLength, len(data), req.GetBody != nil)
	}
}
